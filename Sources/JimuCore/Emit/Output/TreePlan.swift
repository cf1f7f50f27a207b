#if canImport(Glibc)
import Glibc
#endif

/// What the new output tree holds, worked out from the artifacts and the old tree before
/// anything is written: every file and where it comes from, every folder and its mode, what
/// goes and what is kept. A conflict (a file that is not Jimu's where the new tree needs a
/// folder, or the other way round) is found here, while the old tree is still untouched.
struct TreePlan {
    enum Source: Equatable {
        /// The artifact at this index.
        case artifact(Int)
        /// A file of the old tree that is not Jimu's, carried over as it is.
        case carried
    }

    /// Every file of the new tree.
    private(set) var files: [String: Source] = [:]
    /// Every folder of the new tree: nil for one that holds output (it gets the mode a new
    /// folder gets), the old tree's mode for one kept from it.
    private(set) var folders: [String: mode_t?] = [:]
    /// Files the old manifest lists that the build no longer produces, in the old tree's order.
    private(set) var removed: [String] = []
    /// Files and empty folders (with a trailing `/`) that are not Jimu's, kept as they are.
    private(set) var keptUnlisted: [String] = []
    /// The files of those, in the old tree's order.
    private(set) var carried: [String] = []

    /// `previous`: the entries of the old tree at `root`, parents before their content;
    /// `listed`: whether the old manifest lists a path, as Jimu's to drop.
    init(artifacts: [Artifact], previous: [GeneratedTree.Entry], listed: (String) -> Bool, root: String) throws(CatalogIOError) {
        files.reserveCapacity(artifacts.count + previous.count / 8)
        // The artifacts come in path order, so a folder's files follow one another: its
        // folders are recorded once, not once per file (25,000 at province scale).
        var lastFolder: Substring = ""
        for (index, artifact) in artifacts.enumerated() {
            files[artifact.path] = .artifact(index)
            var folder = GeneratedTree.folder(of: artifact.path)
            guard folder != lastFolder else { continue }
            lastFolder = folder
            while !folder.isEmpty, folders.updateValue(nil, forKey: String(folder)) == nil {
                folder = GeneratedTree.folder(of: String(folder))
            }
        }
        // What the old tree holds beside the output: looked at again below.
        var kept: [GeneratedTree.Entry] = []
        for entry in previous where entry.path != Manifest.path && files[entry.path] == nil {
            if entry.isDirectory {
                // Kept even when empty, with its mode.
                guard folders[entry.path] == nil else { continue }
                folders[entry.path] = .some(entry.mode)
                if entry.isEmpty { keptUnlisted.append(entry.path + "/") }
                kept.append(entry)
            } else if listed(entry.path) {
                removed.append(entry.path)
            } else {
                keptUnlisted.append(entry.path)
                carried.append(entry.path)
                files[entry.path] = .carried
                kept.append(entry)
            }
        }
        // A file that is not Jimu's where the new tree needs a folder, or anything kept inside
        // what is now an output file: the old tree's entries never conflict among themselves,
        // so the other side is always output.
        for entry in kept {
            var conflict = !entry.isDirectory && folders[entry.path] != nil
            var ancestor = GeneratedTree.folder(of: entry.path)
            while !conflict, !ancestor.isEmpty {
                if case .artifact = files[String(ancestor)] { conflict = true }
                ancestor = GeneratedTree.folder(of: String(ancestor))
            }
            if conflict {
                throw CatalogIOError(
                    path: root + "/" + entry.path,
                    reason: "is not in the manifest, so it is not Jimu's, but the new tree needs this path: move it away")
            }
        }
    }

    /// A folder of the old tree that holds no output, kept for what else it holds.
    func isKeptFolder(_ path: String) -> Bool {
        guard let mode = folders[path] else { return false }
        return mode != nil
    }
}
