import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading a whole file with plain POSIX calls into one buffer: the catalog's 43,000 files
/// on every build, and the old output files the build cache reads fragments back from.
enum FileReading {
    enum Failure: Error {
        case open, read
    }

    /// The file's bytes, read to its end or to one byte past `limit` (enough to know that it
    /// is too large without reading a hostile 100 MB file whole), and what `fstat` said of
    /// the same descriptor before reading. The size it reports is only where reading starts:
    /// the file may change meanwhile, and a file of the kernel's reports 0 and holds more.
    static func read(_ path: String, limit: Int) -> Result<(bytes: [UInt8], info: stat), Failure> {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(.open) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return .failure(.read) }
        let most = limit < Int.max ? limit + 1 : limit
        // Read into memory left uninitialised (zeroing 10 MB of a cache file first cost more
        // than reading it), a block at a time past the size `fstat` gave, up to `most`.
        var bytes: [UInt8] = []
        var block = min(max(Int(info.st_size), 0) + 1, most)
        while block > 0 {
            var failed = false
            let chunk = [UInt8](unsafeUninitializedCapacity: block) { buffer, filled in
                filled = 0
                while filled < buffer.count {
                    let count = systemRead(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
                    if count < 0 {
                        if errno == EINTR { continue }
                        failed = true
                        return
                    }
                    if count == 0 { return }
                    filled += count
                }
            }
            if failed { return .failure(.read) }
            bytes = bytes.isEmpty ? chunk : bytes + chunk
            // Short of the block: the end of the file.
            guard chunk.count == block else { break }
            block = min(bytes.count, most - bytes.count)
        }
        return .success((bytes, info))
    }
}

#if canImport(Glibc)
/// `read(2)`, named apart from the `read` methods of the types that call it.
private let systemRead = Glibc.read
#elseif canImport(Darwin)
private let systemRead = Darwin.read
#endif
