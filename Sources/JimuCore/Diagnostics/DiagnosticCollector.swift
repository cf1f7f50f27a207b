/// Gathers the diagnostics of one stage over one unit of work (a file, an item). Stages
/// report recoverable problems here and carry on, so one run shows every problem; the
/// pipeline merges the collectors and sorts the result by place.
public final class DiagnosticCollector {
    public private(set) var diagnostics: [Diagnostic] = []

    public init() {}

    public func report(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    public func report(
        _ code: DiagnosticCode,
        _ message: String,
        at location: SourceLocation?,
        severity: Severity? = nil,
        notes: [Diagnostic.Note] = [],
        fix: Diagnostic.Fix? = nil
    ) {
        report(Diagnostic(code, message, at: location, severity: severity, notes: notes, fix: fix))
    }

    public func absorb(_ others: [Diagnostic]) {
        diagnostics.append(contentsOf: others)
    }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}
