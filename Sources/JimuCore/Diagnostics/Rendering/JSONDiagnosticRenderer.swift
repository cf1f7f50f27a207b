import Foundation

/// Diagnostics as one JSON document, for scripts: `{"diagnostics": [...], "summary": {...}}`,
/// with sorted keys so identical runs give identical bytes.
public struct JSONDiagnosticRenderer: Sendable {
    public init() {}

    struct Document: Encodable {
        var diagnostics: [Diagnostic]
        var summary: CheckSummary
    }

    public func render(_ diagnostics: [Diagnostic], summary: CheckSummary) throws -> String {
        try CanonicalJSON.encode(Document(diagnostics: diagnostics, summary: summary))
    }
}

/// The one JSON encoding Jimu writes everywhere: sorted keys, two-space indentation, no
/// escaped slashes, a final newline. Deterministic output depends on every emitter using it.
public enum CanonicalJSON {
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
