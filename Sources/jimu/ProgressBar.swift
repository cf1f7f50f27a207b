import ArgumentParser
import Foundation
import JimuCore

/// A one-line progress display on standard error, for builds that take more than a
/// second. Only on a terminal, never in CI logs (`CI` set) or with `--quiet`.
final class ProgressBar: @unchecked Sendable {
    static let stages = ["load", "decode", "resolve", "merge", "compose", "emit", "write"]

    private let lock = NSLock()
    private let start = Date()
    private var drawn = false
    private let enabled: Bool

    init(quiet: Bool) {
        let environment = ProcessInfo.processInfo.environment
        enabled = !quiet && isatty(STDERR_FILENO) == 1 && environment["CI"] == nil && environment["TERM"] != "dumb"
    }

    /// Called as each stage starts; draws once the build has run for a second.
    func stage(_ name: String) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        guard Date().timeIntervalSince(start) >= 1, let index = Self.stages.firstIndex(where: { name.hasPrefix($0) }) else {
            return
        }
        let width = 24
        let filled = width * index / Self.stages.count
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        FileHandle.standardError.write(Data("\r\u{1B}[2K jimu [\(bar)] \(name)".utf8))
        drawn = true
    }

    /// Clears the line before diagnostics or the summary are printed.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
        drawn = false
    }
}

/// Options of the commands that run the pipeline.
struct RunOptions: ParsableArguments {
    @Flag(help: "Print the wall time of each stage (`timing: <stage> <seconds>`) on standard error.")
    var timings = false

    @Flag(name: .shortAndLong, help: "No progress display.")
    var quiet = false

    func report(_ timings: StageTimings) {
        guard self.timings else { return }
        for line in timings.lines { printError(line) }
    }

    /// One stage the command line runs itself, after the pipeline (writing the tree).
    func report(_ stage: String, since start: Date) {
        var timings = StageTimings()
        timings.record(stage, seconds: Date().timeIntervalSince(start))
        report(timings)
    }
}
