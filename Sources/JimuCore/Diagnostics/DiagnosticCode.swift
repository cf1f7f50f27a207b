/// The stable codes of every diagnostic Jimu reports. A code never changes meaning once
/// released: CI filters, SARIF rules and editors' suppressions key on it.
public enum DiagnosticCode: String, Codable, Sendable, CaseIterable {
    // Reading files (YAML level).
    case ioError = "io-error"
    case yamlSyntax = "yaml-syntax"
    case invalidUTF8 = "invalid-utf8"
    case tabIndentation = "tab-indentation"
    case duplicateKey = "duplicate-key"
    case multipleDocuments = "multiple-documents"
    case aliasExpansion = "alias-expansion"
    case depthLimit = "depth-limit"
    case fileTooLarge = "file-too-large"
    case undefinedAlias = "undefined-alias"
    case nulCharacter = "nul-character"
    case unsupportedTag = "unsupported-tag"
    case mergeKey = "merge-key"
    case emptyFile = "empty-file"
    case tooManyFiles = "too-many-files"
    case unexpectedFile = "unexpected-file"
    case missingFile = "missing-file"

    // Decoding (shape of each file).
    case unknownKey = "unknown-key"
    case typeMismatch = "type-mismatch"
    case missingKey = "missing-key"
    case invalidValue = "invalid-value"
    case stringTooLong = "string-too-long"
    case numberOutOfRange = "number-out-of-range"

    // Names and references.
    case invalidIdentifier = "invalid-identifier"
    case pathEscape = "path-escape"
    case nameMismatch = "name-mismatch"
    case duplicateDefinition = "duplicate-definition"
    case unknownReference = "unknown-reference"
    case invalidItemCode = "invalid-item-code"
    case invalidDivisionCode = "invalid-division-code"
    case unresolvedLabel = "unresolved-label"
    case ambiguousLabel = "ambiguous-label"

    // Constraints, patterns and conditions.
    case invalidPattern = "invalid-pattern"
    case invalidExpression = "invalid-expression"
    case expressionTooLong = "expression-too-long"
    case conflictingConstraints = "conflicting-constraints"
    case duplicateCode = "duplicate-code"
    case duplicateField = "duplicate-field"
    case preconditionCycle = "precondition-cycle"
    case bundleMissingPrecondition = "bundle-missing-precondition"
    case bundleConflict = "bundle-conflict"
    case bundleLimitExceeded = "bundle-limit-exceeded"

    // Comparing versions (`jimu diff`).
    case schemaChange = "schema-change"
    case versionNotBumped = "version-not-bumped"

    // Time and calendar.
    case invalidDate = "invalid-date"
    case limitExceedsStatutory = "limit-exceeds-statutory"
    case calendarYearMissing = "calendar-year-missing"
    case calendarConflict = "calendar-conflict"

    // Policy rules an editor must meet.
    case missingVisitReason = "missing-visit-reason"
    case missingTranslation = "missing-translation"
    case bundleTooLarge = "bundle-too-large"
    case emptyBundle = "empty-bundle"

    /// The severity a diagnostic with this code has unless a stage decides otherwise.
    public var defaultSeverity: Severity {
        switch self {
        case .unexpectedFile, .unresolvedLabel, .missingTranslation, .bundleMissingPrecondition, .schemaChange: .warning
        default: .error
        }
    }

    /// One line that says what the rule checks; SARIF's rule description and `--explain`.
    public var summary: String {
        switch self {
        case .ioError: "a file or folder of the catalog cannot be read"
        case .yamlSyntax: "the file is not well-formed YAML"
        case .invalidUTF8: "the file is not valid UTF-8"
        case .tabIndentation: "tabs are used for indentation"
        case .duplicateKey: "a mapping has the same key twice"
        case .multipleDocuments: "a file holds more than one YAML document"
        case .aliasExpansion: "aliases expand beyond the configured limit"
        case .depthLimit: "nesting is deeper than the configured limit"
        case .fileTooLarge: "a file is larger than the configured limit"
        case .undefinedAlias: "an alias names an anchor that is not defined"
        case .nulCharacter: "a file holds a NUL character"
        case .unsupportedTag: "a node carries a YAML tag Jimu does not accept"
        case .mergeKey: "a mapping uses the YAML 1.1 merge key `<<`"
        case .emptyFile: "a catalog file is empty"
        case .tooManyFiles: "the catalog has more files than the configured limit"
        case .unexpectedFile: "a YAML file lies where the catalog format expects none"
        case .missingFile: "a file the catalog needs is missing"
        case .unknownKey: "a mapping has a key the format does not define"
        case .typeMismatch: "a value has the wrong type"
        case .missingKey: "a required key is missing"
        case .invalidValue: "a value is not one of the allowed ones"
        case .stringTooLong: "a string is longer than the configured limit"
        case .numberOutOfRange: "a number is outside the range the format allows"
        case .invalidIdentifier: "an id, key or code has characters the format does not allow"
        case .pathEscape: "a key or path would leave its folder"
        case .nameMismatch: "a key does not match the name of its file or folder"
        case .duplicateDefinition: "the same id is defined twice"
        case .unknownReference: "a reference names nothing the catalog defines"
        case .invalidItemCode: "an item code is malformed"
        case .invalidDivisionCode: "an administrative division code is malformed"
        case .unresolvedLabel: "a field label matches no data element"
        case .ambiguousLabel: "a field label matches more than one data element"
        case .invalidPattern: "a pattern is malformed or outside the portable dialect"
        case .invalidExpression: "a condition expression is malformed"
        case .expressionTooLong: "a condition expression is longer than the configured limit"
        case .conflictingConstraints: "constraints on a field contradict each other or its type"
        case .duplicateCode: "a code list has the same code twice"
        case .duplicateField: "a form has the same data element twice"
        case .preconditionCycle: "items need each other first, in a cycle"
        case .bundleMissingPrecondition: "a bundle lacks an item that one of its items needs first"
        case .bundleConflict: "items of a bundle define one field in contradicting ways"
        case .bundleLimitExceeded: "a bundle's critical path takes longer than its promise"
        case .schemaChange: "a generated schema changed between two versions"
        case .versionNotBumped: "a schema changed without the version bump semver demands"
        case .invalidDate: "a date is malformed or does not exist"
        case .limitExceedsStatutory: "a promised limit exceeds the statutory limit"
        case .calendarYearMissing: "a date lies in a year the catalog's calendar does not cover"
        case .calendarConflict: "a calendar day is declared twice or in the wrong year"
        case .missingVisitReason: "visits in person are required without a reason"
        case .missingTranslation: "an English text is missing"
        case .bundleTooLarge: "a bundle has more items than the configured limit"
        case .emptyBundle: "a bundle lists no items"
        }
    }
}
