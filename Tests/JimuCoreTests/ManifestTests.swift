import Foundation
@testable import JimuCore
import Testing

/// `manifest.json` is written without `Encodable`, and must still be `CanonicalJSON`'s bytes.
struct ManifestTests {
    @Test func theManifestIsCanonicalJSONByteForByte() throws {
        let built = try BuildPipeline.run(InMemoryFileSystem(bytes: CatalogFixtures.miniFiles()))
        let manifest = try #require(built.manifest)
        #expect(manifest.artifact.contents == Array(try CanonicalJSON.encode(manifest).utf8))

        // Paths that sort differently by bytes than by Unicode, need escaping, or are empty.
        let odd = ["b", "a\"q", "Z", "é/x", "e\u{301}", "a/b", "a.b", "a\\b", "中", "", "a\u{1}"]
        let artifacts = odd.map { Artifact(path: $0, text: $0) }
        let unusual = Manifest(artifacts: artifacts, catalogHash: Manifest.hash(of: ["jimu.yaml": Array("x".utf8)]))
        #expect(unusual.artifact.contents == Array(try CanonicalJSON.encode(unusual).utf8))
        let empty = Manifest(artifacts: [], catalogHash: Manifest.hash(of: [:]))
        #expect(empty.artifact.contents == Array(try CanonicalJSON.encode(empty).utf8))
    }

    /// A manifest read back is the manifest written, whether it is Jimu's layout (read line by
    /// line) or any other JSON (read by `JSONDecoder`), and anything else is no manifest.
    @Test func aManifestReadsBackAsWrittenInAnyLayout() throws {
        let built = try #require(try BuildPipeline.run(InMemoryFileSystem(bytes: CatalogFixtures.miniFiles())).manifest)
        let odd = ["b", "a\"q", "Z", "é/x", "a/b", "a\\b", "中", "", "a\u{1}", "x\u{2028}"]
        let unusual = Manifest(artifacts: odd.map { Artifact(path: $0, text: $0) }, catalogHash: "h")
        let single = Manifest(artifacts: [Artifact(path: "only", text: "x")], catalogHash: "h")
        let empty = Manifest(artifacts: [], catalogHash: "h")
        for manifest in [built, unusual, single, empty] {
            let written = manifest.artifact.contents
            #expect(Manifest.read(written) == manifest)
            // The same JSON laid out otherwise: compact, keys in another order.
            let compact = try JSONSerialization.data(withJSONObject: [
                "files": manifest.files, "compiler": manifest.compiler, "catalog_hash": manifest.catalogHash,
            ])
            #expect(Manifest.read([UInt8](compact)) == manifest)
        }
        // Jimu's own layout is read line by line; one with escapes or no files, by JSON.
        #expect(Manifest.canonical(built.artifact.contents) == built)
        #expect(Manifest.canonical(single.artifact.contents) == single)
        #expect(Manifest.canonical(unusual.artifact.contents) == nil)
        #expect(Manifest.canonical(empty.artifact.contents) == nil)
        // A line of Jimu's layout that says something else than it seems: JSON decides.
        let text = String(decoding: built.artifact.contents, as: UTF8.self)
        let duplicated = text.replacingOccurrences(of: "\n  }\n}\n", with: ",\n    \"x\" : \"1\",\n    \"x\" : \"2\"\n  }\n}\n")
        #expect(Manifest.read(Array(duplicated.utf8))?.files["x"] == (try? JSONDecoder().decode(Manifest.self, from: Data(duplicated.utf8)))?.files["x"])
        let escaped = text.replacingOccurrences(of: "\"guides/", with: "\"guides\\/")
        #expect(escaped != text)
        #expect(Manifest.read(Array(escaped.utf8)) == built)
        for broken in [String(text.dropLast(3)), text.replacingOccurrences(of: "\" : \"", with: "\" :: \""), "", "{}"] {
            #expect(Manifest.read(Array(broken.utf8)) == nil, "\(broken.prefix(40))")
        }
    }
}
