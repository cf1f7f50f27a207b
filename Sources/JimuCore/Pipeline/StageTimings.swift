import Dispatch

/// Wall time per pipeline stage, for `--timings` and the benchmark.
public struct StageTimings: Sendable {
    public private(set) var stages: [(name: String, seconds: Double)] = []
    /// Told the name of each stage as it starts: the command line draws a progress bar.
    public var onStage: (@Sendable (String) -> Void)?

    public init(onStage: (@Sendable (String) -> Void)? = nil) {
        self.onStage = onStage
    }

    /// Runs `body`, recording its wall time under `name`.
    public mutating func measure<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        onStage?(name)
        let start = DispatchTime.now().uptimeNanoseconds
        let result = try body()
        stages.append((name, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9))
        return result
    }

    public mutating func record(_ name: String, seconds: Double) {
        stages.append((name, seconds))
    }

    public mutating func append(_ other: StageTimings) {
        stages += other.stages
    }

    /// `timing: <stage> <seconds>` lines, as the benchmark reads them.
    public var lines: [String] {
        stages.map { "timing: \($0.name) \(String(format6($0.seconds)))" }
    }

    private func format6(_ value: Double) -> String {
        let micro = Int64((value * 1_000_000).rounded())
        let whole = micro / 1_000_000
        let fraction = String(micro % 1_000_000)
        return "\(whole)." + String(repeating: "0", count: 6 - fraction.count) + fraction
    }
}
