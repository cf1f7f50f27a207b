import Foundation
import JimuCore
import Testing

/// `manifest.json` is written without `Encodable`, and must still be `CanonicalJSON`'s bytes.
struct ManifestTests {
    @Test func theManifestIsCanonicalJSONByteForByte() throws {
        let built = try BuildPipeline.run(InMemoryFileSystem(bytes: CatalogFixtures.miniFiles()))
        let manifest = try #require(built.manifest)
        #expect(try manifest.artifact.contents == Array(try CanonicalJSON.encode(manifest).utf8))

        // Paths that sort differently by bytes than by Unicode, need escaping, or are empty.
        let odd = ["b", "a\"q", "Z", "é/x", "e\u{301}", "a/b", "a.b", "a\\b", "中", "", "a\u{1}"]
        let artifacts = odd.map { Artifact(path: $0, text: $0) }
        let unusual = Manifest(artifacts: artifacts, catalogHash: Manifest.hash(of: ["jimu.yaml": Array("x".utf8)]))
        #expect(try unusual.artifact.contents == Array(try CanonicalJSON.encode(unusual).utf8))
        let empty = Manifest(artifacts: [], catalogHash: Manifest.hash(of: [:]))
        #expect(try empty.artifact.contents == Array(try CanonicalJSON.encode(empty).utf8))
    }
}
