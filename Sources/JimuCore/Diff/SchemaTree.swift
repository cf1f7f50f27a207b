import Foundation

/// The schemas of one side of a `jimu diff`: read from a generated tree, or compiled from a
/// catalog folder.
public enum SchemaTree {
    /// Every `schemas/**.json` document under a generated tree, by path under `schemas/`.
    public static func read(generated root: String) throws -> [String: JSONValue] {
        let folder = root + "/schemas"
        var documents: [String: JSONValue] = [:]
        for entry in try LocalFileSystem(root: folder).listFiles() where entry.path.hasSuffix(".json") {
            let bytes = try LocalFileSystem(root: folder).read(entry.path, limit: 64 << 20)
            documents[entry.path] = try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
        }
        return documents
    }

    /// The schemas a catalog compiles to; nil (with the build's diagnostics) on errors.
    public static func compile(catalog root: String) throws -> (schemas: [String: JSONValue]?, build: BuildResult) {
        let build = try BuildPipeline.run(LocalFileSystem(root: root))
        guard !build.hasErrors else { return (nil, build) }
        var documents: [String: JSONValue] = [:]
        for artifact in build.artifacts where artifact.path.hasPrefix("schemas/") {
            documents[String(artifact.path.dropFirst("schemas/".count))] = try JSONDecoder().decode(
                JSONValue.self, from: Data(artifact.contents))
        }
        return (documents, build)
    }
}
