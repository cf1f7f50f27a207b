/// The definitions of one kind of name (elements, materials, items …): finds duplicates as
/// they are added, and answers references with a "did you mean" when they miss.
struct SymbolTable<Definition> {
    let kind: String
    private(set) var definitions: [String: (definition: Definition, location: SourceLocation)] = [:]
    private(set) var order: [String] = []

    init(kind: String) {
        self.kind = kind
    }

    /// Adds a definition; a second one with the same name is reported with the first.
    mutating func define(_ name: Located<String>, _ definition: Definition, diagnostics: DiagnosticCollector) {
        if let first = definitions[name.value] {
            diagnostics.report(
                .duplicateDefinition, "\(kind) `\(name.value)` is defined twice", at: name.location,
                notes: [.init("first defined here", at: first.location)])
            return
        }
        definitions[name.value] = (definition, name.location)
        order.append(name.value)
    }

    subscript(name: String) -> Definition? { definitions[name]?.definition }

    func location(of name: String) -> SourceLocation? { definitions[name]?.location }

    /// Looks a reference up; a miss is reported with the closest defined name.
    @discardableResult
    func resolve(_ reference: Located<String>, diagnostics: DiagnosticCollector, context: String = "")
        -> Definition?
    {
        if let found = definitions[reference.value] { return found.definition }
        diagnostics.report(
            .unknownReference, "unknown \(kind) `\(reference.value)`\(context)", at: reference.location,
            fix: Suggestion.closest(to: reference.value, among: order).map(Diagnostic.Fix.didYouMean))
        return nil
    }
}
