import JimuYAML

/// Turns the YAML reader's errors into diagnostics, naming the `jimu.yaml` setting that
/// raises a limit when a limit was hit.
enum YAMLDiagnostics {
    static func diagnostic(for error: YAMLError, file: String, limits: CatalogLimits) -> Diagnostic {
        let place = SourceLocation(file: file, line: error.mark.line, column: error.mark.column)
        let related = error.relatedMark.map { SourceLocation(file: file, line: $0.line, column: $0.column) }
        switch error.kind {
        case .syntax:
            return Diagnostic(.yamlSyntax, error.message, at: place)
        case .invalidUTF8:
            return Diagnostic(.invalidUTF8, error.message, at: place, fix: .init("save the file as UTF-8"))
        case .tabIndentation:
            return Diagnostic(.tabIndentation, error.message, at: place, fix: .init("indent with spaces"))
        case .duplicateKey:
            return Diagnostic(
                .duplicateKey, error.message, at: place,
                notes: related.map { [.init("first defined here", at: $0)] } ?? [])
        case .multipleDocuments:
            return Diagnostic(
                .multipleDocuments, error.message, at: place, fix: .init("put each document in a file of its own"))
        case .aliasExpansion:
            return Diagnostic(
                .aliasExpansion,
                "\(error.message) (raise `limits.max_alias_expansion` in jimu.yaml)",
                at: place)
        case .depthLimit:
            return Diagnostic(
                .depthLimit, "\(error.message) (raise `limits.max_depth` in jimu.yaml)",
                at: place)
        case .fileTooLarge:
            return Diagnostic(
                .fileTooLarge,
                "\(error.message) (limit \(limits.maxFileBytes) bytes; raise `limits.max_file_bytes` in jimu.yaml)",
                at: place)
        case .undefinedAlias:
            return Diagnostic(.undefinedAlias, error.message, at: place)
        case .nulCharacter:
            return Diagnostic(.nulCharacter, error.message, at: place)
        }
    }
}
