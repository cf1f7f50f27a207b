import CJimuShims
import Foundation

/// The output folder as a whole. A build is written into a staging folder beside it and
/// switched in with one atomic exchange, so the folder is always the old tree or the new
/// one, never a mix, whenever the build is killed. Only files the previous manifest lists
/// are Jimu's to drop; any other file found there is carried over and reported.
public struct GeneratedTree {
    public let root: String

    public init(root: String) {
        self.root = root.hasSuffix("/") && root.count > 1 ? String(root.dropLast()) : root
    }

    /// The files in the folder that the build did not produce and the manifest does not
    /// list: kept as they are.
    public struct Outcome: Sendable, Equatable {
        public var keptUnlisted: [String]
        public var removed: [String]
    }

    var staging: String { root + ".jimu-staging" }

    /// Writes `artifacts` (the manifest among them) as the new tree.
    public func replace(with artifacts: [Artifact], manifest: Manifest) throws(CatalogIOError) -> Outcome {
        let manager = FileManager.default
        try? manager.removeItem(atPath: staging)  // left by a build killed earlier
        let previous = try existingFiles()
        let listed = Set(readManifest()?.files.keys.map { $0 } ?? [])
        let produced = Set(artifacts.map(\.path))
        var outcome = Outcome(keptUnlisted: [], removed: [])
        do {
            try manager.createDirectory(atPath: staging, withIntermediateDirectories: true)
            for artifact in artifacts {
                try write(artifact.contents, to: staging + "/" + artifact.path)
            }
            for path in previous where !produced.contains(path) && path != Manifest.path {
                if listed.contains(path) {
                    outcome.removed.append(path)
                } else {
                    outcome.keptUnlisted.append(path)
                    try write([UInt8](try Data(contentsOf: URL(fileURLWithPath: root + "/" + path))), to: staging + "/" + path)
                }
            }
        } catch let error as CatalogIOError {
            try? manager.removeItem(atPath: staging)
            throw error
        } catch {
            try? manager.removeItem(atPath: staging)
            throw CatalogIOError(path: root, reason: "cannot write the new tree: \(error.localizedDescription)")
        }
        try switchIn()
        return outcome
    }

    /// Exchanges the staging folder with the output folder in one step, then removes the
    /// old tree. Where the file system cannot exchange, it falls back to two renames.
    private func switchIn() throws(CatalogIOError) {
        let manager = FileManager.default
        if !manager.fileExists(atPath: root) {
            guard rename(staging, root) == 0 else {
                let reason = String(cString: strerror(errno))
                try? manager.removeItem(atPath: staging)
                throw CatalogIOError(path: root, reason: "cannot move the new tree into place: \(reason)")
            }
            return
        }
        if jimu_exchange_paths(staging, root) == 0 {
            try? manager.removeItem(atPath: staging)  // now the old tree
            return
        }
        let old = root + ".jimu-old"
        try? manager.removeItem(atPath: old)
        guard rename(root, old) == 0 else {
            let reason = String(cString: strerror(errno))
            try? manager.removeItem(atPath: staging)
            throw CatalogIOError(path: root, reason: "cannot replace the output folder: \(reason)")
        }
        guard rename(staging, root) == 0 else {
            let reason = String(cString: strerror(errno))
            _ = rename(old, root)
            throw CatalogIOError(path: root, reason: "cannot move the new tree into place: \(reason)")
        }
        try? manager.removeItem(atPath: old)
    }

    private func write(_ bytes: [UInt8], to path: String) throws(CatalogIOError) {
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        } catch {
            throw CatalogIOError(path: path, reason: "cannot write file: \(error.localizedDescription)")
        }
    }

    /// Every regular file under the output folder, as sorted relative paths.
    public func existingFiles() throws(CatalogIOError) -> [String] {
        guard FileManager.default.fileExists(atPath: root) else { return [] }
        return try LocalFileSystem(root: root).listFiles().filter { !$0.escapesRoot }.map(\.path)
    }

    public func readManifest() -> Manifest? {
        guard let data = FileManager.default.contents(atPath: root + "/" + Manifest.path) else { return nil }
        return try? JSONDecoder().decode(Manifest.self, from: data)
    }

    /// What `--check` finds: files whose bytes differ, files missing, and files the
    /// manifest lists that the build no longer produces.
    public struct Staleness: Sendable, Equatable {
        public var stale: [String] = []
        public var missing: [String] = []
        public var extra: [String] = []

        public var isFresh: Bool { stale.isEmpty && missing.isEmpty && extra.isEmpty }
    }

    public func compare(with artifacts: [Artifact]) throws(CatalogIOError) -> Staleness {
        var result = Staleness()
        let produced = Set(artifacts.map(\.path))
        for artifact in artifacts {
            guard let data = FileManager.default.contents(atPath: root + "/" + artifact.path) else {
                result.missing.append(artifact.path)
                continue
            }
            if [UInt8](data) != artifact.contents { result.stale.append(artifact.path) }
        }
        let listed = readManifest()?.files.keys.map { $0 } ?? []
        result.extra = Set(try existingFiles()).intersection(listed).subtracting(produced).sorted()
        return result
    }
}
