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
        var bytes = [UInt8](repeating: 0, count: min(max(Int(info.st_size), 0) + 1, most))
        var filled = 0
        while true {
            if filled == bytes.count {
                guard bytes.count < most else { break }
                bytes += [UInt8](repeating: 0, count: min(bytes.count, most - bytes.count))
            }
            let count = bytes.withUnsafeMutableBytes { buffer in
                systemRead(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
            }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(.read)
            }
            if count == 0 { break }
            filled += count
        }
        bytes.removeLast(bytes.count - filled)
        return .success((bytes, info))
    }
}

#if canImport(Glibc)
/// `read(2)`, named apart from the `read` methods of the types that call it.
private let systemRead = Glibc.read
#elseif canImport(Darwin)
private let systemRead = Darwin.read
#endif
