import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The command line shared by both benchmarks: `<bench> LIST [--runs N]`, where LIST holds
/// one catalog file path a line. Every file is read into memory before any timing starts,
/// as the C event walk (scripts/yaml_walk.c) does, so only parsing is timed.
public struct BenchInput: Sendable {
    public let paths: [String]
    public let files: [[UInt8]]
    public let runs: Int
    public var totalBytes: Int { files.reduce(0) { $0 + $1.count } }

    public static func fromCommandLine() -> BenchInput {
        var arguments = Array(CommandLine.arguments.dropFirst())
        var runs = 3
        if let index = arguments.firstIndex(of: "--runs"), index + 1 < arguments.count {
            runs = max(1, Int(arguments[index + 1]) ?? 3)
            arguments.removeSubrange(index...index + 1)
        }
        guard arguments.count == 1 else {
            FileHandle.standardError.write(Data("usage: \(CommandLine.arguments[0]) LIST [--runs N]\n".utf8))
            exit(2)
        }
        let list: String
        do {
            list = try String(contentsOfFile: arguments[0], encoding: .utf8)
        } catch {
            FileHandle.standardError.write(Data("cannot read \(arguments[0]): \(error)\n".utf8))
            exit(2)
        }
        let paths = list.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        var files: [[UInt8]] = []
        files.reserveCapacity(paths.count)
        for path in paths {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
                exit(2)
            }
            files.append([UInt8](data))
        }
        return BenchInput(paths: paths, files: files, runs: runs)
    }
}

/// Wall time of `body` in seconds, on the monotonic clock.
public func seconds(_ body: () -> Void) -> Double {
    let duration = ContinuousClock().measure(body)
    let (whole, fraction) = duration.components
    return Double(whole) + Double(fraction) * 1e-18
}

/// CPU time of the whole process (every thread), user and system, in seconds.
public func processCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
}

/// Wall and CPU seconds of `body`: CPU over wall is the number of cores it kept busy.
public func wallAndCPU(_ body: () -> Void) -> (wall: Double, cpu: Double) {
    let cpuStart = processCPUSeconds()
    let wall = seconds(body)
    return (wall, processCPUSeconds() - cpuStart)
}

/// The number of cores this process may run on.
public var activeCores: Int { ProcessInfo.processInfo.activeProcessorCount }

/// One JSON object on standard output: numbers and arrays of numbers only.
public func printJSON(_ fields: [(String, Any)]) {
    func render(_ value: Any) -> String {
        switch value {
        case let number as Int: return String(number)
        case let number as Double: return String(format: "%.6f", number)
        case let list as [Double]: return "[" + list.map(render).joined(separator: ", ") + "]"
        case let text as String: return "\"" + text + "\""
        default: return "null"
        }
    }
    print("{" + fields.map { "\"\($0.0)\": \(render($0.1))" }.joined(separator: ", ") + "}")
}

public func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(1)
}
