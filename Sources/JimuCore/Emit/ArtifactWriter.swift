import Foundation

/// Writes artifacts under the output folder, each atomically (a temporary file, then a
/// rename), creating folders as needed. Nothing outside the output folder is touched: every
/// artifact path is relative and checked.
public struct ArtifactWriter {
    public let root: String

    public init(root: String) {
        self.root = root
    }

    public func write(_ artifacts: [Artifact]) throws {
        let manager = FileManager.default
        for artifact in artifacts {
            precondition(
                !artifact.path.hasPrefix("/") && !artifact.path.split(separator: "/").contains(".."),
                "artifact paths are relative and stay inside the output folder")
            let target = root + "/" + artifact.path
            let folder = (target as NSString).deletingLastPathComponent
            try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let temporary = folder + "/.\((target as NSString).lastPathComponent).jimu-\(getpid()).tmp"
            guard manager.createFile(atPath: temporary, contents: Data(artifact.contents)) else {
                throw CatalogIOError(path: target, reason: "cannot write file")
            }
            guard rename(temporary, target) == 0 else {
                try? manager.removeItem(atPath: temporary)
                throw CatalogIOError(path: target, reason: "cannot move file into place")
            }
        }
    }
}
