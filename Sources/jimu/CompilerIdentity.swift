import Crypto
import Foundation
import JimuCore

/// Who compiled: the version and a hash of this very executable. The build cache is keyed
/// by it, so a compiler rebuilt from changed sources (the version unchanged) never reuses
/// files an older one rendered.
enum CompilerIdentity {
    /// The identity, remembered in `folder` (the build cache's) beside the executable's
    /// identity on disk: device, inode, size, modification and change times. Hashing 30 MB
    /// of executable took a twentieth of a rebuild's CPU. The remembered one is used only
    /// while the executable keeps that identity, and recorded only once its change time is
    /// over a second old: an executable replaced within the clock's resolution could keep
    /// it (`SourceIdentity.isSettled`, the rule a catalog file's identity is recorded by).
    static func current(rememberedIn folder: String) -> String {
        let executable = "/proc/self/exe"
        let path = FileManager.default.fileExists(atPath: executable) ? executable : CommandLine.arguments[0]
        var info = stat()
        let onDisk =
            stat(path, &info) == 0
            ? "\(info.st_dev) \(info.st_ino) \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec) "
                + "\(info.st_ctim.tv_sec).\(info.st_ctim.tv_nsec)"
            : nil
        let memo = folder + "/compiler"
        if let onDisk, let text = try? String(contentsOfFile: memo, encoding: .utf8) {
            let fields = text.split(separator: "\t", omittingEmptySubsequences: false)
            if fields.count == 2, fields[0] == onDisk, fields[1].hasPrefix("jimu ") { return String(fields[1]) }
        }
        guard let digest = hash(path) else {
            // Unreadable: a fresh identity each run, so nothing is ever wrongly reused.
            return "jimu \(JimuVersion.current) \(UUID().uuidString)"
        }
        let identity = "jimu \(JimuVersion.current) \(digest)"
        if let onDisk, SourceIdentity(info)?.isSettled(before: Int64(time(nil))) == true,
            FileManager.default.fileExists(atPath: folder)
        {
            // Atomically: a build beside this one reads the old memory or the new, whole.
            try? Data((onDisk + "\t" + identity).utf8).write(to: URL(fileURLWithPath: memo), options: .atomic)
        }
        return identity
    }

    /// The first 16 bytes of the file's SHA-256, in hexadecimal, read a megabyte at a time.
    private static func hash(_ path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var hasher = SHA256()
        while true {
            // Nil, or empty, at the end of the file.
            let chunk: Data?
            do { chunk = try handle.read(upToCount: 1 << 20) } catch { return nil }
            guard let chunk, !chunk.isEmpty else { break }
            hasher.update(data: chunk)
        }
        return Manifest.hex(hasher.finalize().prefix(16))
    }
}
