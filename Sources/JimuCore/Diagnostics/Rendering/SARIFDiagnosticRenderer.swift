/// Diagnostics as SARIF 2.1.0, the format code hosts and CI dashboards import. Every code
/// is a rule; columns are counted in Unicode code points, as Jimu counts them.
public struct SARIFDiagnosticRenderer: Sendable {
    public var toolVersion: String
    /// Prefixed to every path so that URIs are relative to where jimu was run.
    public var pathPrefix: String

    public init(toolVersion: String, pathPrefix: String = "") {
        self.toolVersion = toolVersion
        self.pathPrefix = pathPrefix
    }

    public func render(_ diagnostics: [Diagnostic]) throws -> String {
        let rules = DiagnosticCode.allCases
        let ruleIndex = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1, $0) })
        let log = Log(
            version: "2.1.0",
            schema: "https://json.schemastore.org/sarif-2.1.0.json",
            runs: [
                Run(
                    tool: Tool(
                        driver: Driver(
                            name: "jimu",
                            version: toolVersion,
                            rules: rules.map {
                                Rule(
                                    id: $0.rawValue,
                                    shortDescription: Message(text: $0.summary),
                                    defaultConfiguration: Configuration(level: level($0.defaultSeverity))
                                )
                            }
                        )),
                    columnKind: "unicodeCodePoints",
                    results: diagnostics.map { result(for: $0, ruleIndex: ruleIndex[$0.code] ?? 0) }
                )
            ]
        )
        return try CanonicalJSON.encode(log)
    }

    private func result(for diagnostic: Diagnostic, ruleIndex: Int) -> Result {
        var text = diagnostic.message
        if let fix = diagnostic.fix { text += " (\(fix.message))" }
        return Result(
            ruleId: diagnostic.code.rawValue,
            ruleIndex: ruleIndex,
            level: level(diagnostic.severity),
            message: Message(text: text),
            locations: diagnostic.location.map { [Location(id: nil, message: nil, physicalLocation: physical($0))] }
                ?? [],
            relatedLocations: diagnostic.notes.enumerated().compactMap { index, note in
                note.location.map {
                    Location(id: index, message: Message(text: note.message), physicalLocation: physical($0))
                }
            }
        )
    }

    private func physical(_ location: SourceLocation) -> PhysicalLocation {
        PhysicalLocation(
            artifactLocation: ArtifactLocation(uri: Self.uriPath(pathPrefix + location.file)),
            region: Region(startLine: location.line, startColumn: location.column)
        )
    }

    /// Percent-encodes what a relative URI reference may not hold as is (spaces, `%`, `#`,
    /// `?`, non-ASCII), keeping `/` as the separator.
    static func uriPath(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }

    private func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "note"
        }
    }

    struct Log: Encodable {
        var version: String
        var schema: String
        var runs: [Run]
        enum CodingKeys: String, CodingKey {
            case version, runs
            case schema = "$schema"
        }
    }
    struct Run: Encodable {
        var tool: Tool
        var columnKind: String
        var results: [Result]
    }
    struct Tool: Encodable { var driver: Driver }
    struct Driver: Encodable {
        var name: String
        var version: String
        var rules: [Rule]
    }
    struct Rule: Encodable {
        var id: String
        var shortDescription: Message
        var defaultConfiguration: Configuration
    }
    struct Configuration: Encodable { var level: String }
    struct Message: Encodable { var text: String }
    struct Result: Encodable {
        var ruleId: String
        var ruleIndex: Int
        var level: String
        var message: Message
        var locations: [Location]
        var relatedLocations: [Location]
    }
    struct Location: Encodable {
        var id: Int?
        var message: Message?
        var physicalLocation: PhysicalLocation
    }
    struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
        var region: Region
    }
    struct ArtifactLocation: Encodable { var uri: String }
    struct Region: Encodable {
        var startLine: Int
        var startColumn: Int
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
