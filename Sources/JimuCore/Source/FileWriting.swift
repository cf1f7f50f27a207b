#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing a new file with plain POSIX calls, and no `fsync`: the output tree's files and
/// the build cache's index are written under a name nobody reads yet, then renamed into
/// place. An `fsync` (Foundation's `Data.write` does one) waited a tenth of a second for the
/// disk after a rebuild had just written the merge report's 118 MB.
enum FileWriting {
    /// Creates `path`, which must not exist (`O_EXCL`: a file already there may be another
    /// tree's too), writes `bytes`, and returns what `fstat` says of it.
    static func create(_ path: String, bytes: [UInt8]) throws(CatalogIOError) -> stat {
        try create(path, parts: [bytes])
    }

    /// `create(_:bytes:)` of `parts` one after the other, without joining them first (the
    /// cache's index and snapshot are megabytes, written on every build).
    static func create(_ path: String, parts: [[UInt8]]) throws(CatalogIOError) -> stat {
        try write(parts, to: path, flags: O_CREAT | O_EXCL)
    }

    /// Adds `parts` at the end of `path`, which must exist: the rest of a file written in
    /// two goes (the cache's index, begun while the tree is written).
    static func append(_ path: String, parts: [[UInt8]]) throws(CatalogIOError) {
        _ = try write(parts, to: path, flags: O_APPEND)
    }

    private static func write(_ parts: [[UInt8]], to path: String, flags: Int32) throws(CatalogIOError) -> stat {
        let descriptor = open(path, O_WRONLY | O_CLOEXEC | flags, 0o644)
        guard descriptor >= 0 else {
            throw CatalogIOError(path: path, reason: "cannot write file: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        for bytes in parts {
            var offset = 0
            while offset < bytes.count {
                let written = bytes.withUnsafeBytes { buffer in
                    systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                }
                if written < 0 {
                    if errno == EINTR { continue }
                    throw CatalogIOError(path: path, reason: "cannot write file: \(String(cString: strerror(errno)))")
                }
                offset += written
            }
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw CatalogIOError(path: path, reason: "cannot write file: \(String(cString: strerror(errno)))")
        }
        return info
    }
}

#if canImport(Glibc)
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
#endif
