import Foundation
import Mustache

/// The Mustache templates of the guides and the site: Jimu's defaults (compiled into the
/// binary, so `jimu` works from any folder), each replaceable by a catalog file
/// `templates/<name>.mustache`.
///
/// Escaping is Jimu's, not the template author's: Markdown templates escape `{{value}}` for
/// Markdown (Mustache's HTML escaping would leave `](javascript:` live), HTML templates for
/// HTML; a triple mustache (`{{{…}}}` or `{{&…}}`) may only show values Jimu escaped itself
/// (`html`, `diagram`, `chart`, `searchIndex`, `mermaid`). Overrides may not change the
/// delimiters or the content type, use dynamic partials, or include each other in a cycle,
/// so every override is checked before anything is rendered.
public struct GuideTemplates: Sendable {
    /// Every template name, sorted; the override of `name` is `templates/<name>.mustache`.
    public static var names: [String] { DefaultTemplates.all.keys.sorted() }

    /// The folder and suffix of an override file.
    static let folder = "templates/"
    static let suffix = ".mustache"

    /// Values a triple mustache may show: Jimu escaped them for the template's format.
    static let preEscapedKeys: Set<String> = ["html", "diagram", "chart", "searchIndex", "mermaid"]

    /// swift-mustache's parse of every template: what renders a page whose template
    /// `CompiledTemplate` does not cover (none of Jimu's defaults). Parsed when first needed:
    /// parsing them all was a twentieth of a rebuild's CPU.
    private let library: Once<MustacheLibrary>
    /// The templates that render without swift-mustache: each one `CompiledTemplate`
    /// covers, with every partial it includes, directly or not.
    let compiled: [String: CompiledTemplate]
    /// Told the name of each template a page had to render through swift-mustache instead
    /// of its compiled form: tests hold Jimu's own models to never needing it.
    var onFallback: (@Sendable (_ template: String) -> Void)?
    /// The names a catalog overrides.
    public let overridden: [String]

    /// The defaults.
    public static let defaults: GuideTemplates = {
        do {
            return try GuideTemplates(overrides: [:])
        } catch {
            fatalError("a default template is invalid: \(error)")
        }
    }()

    /// The defaults with the catalog's overrides, by catalog path (`templates/item.zh.md.mustache`).
    /// Throws the diagnostics of the first invalid set; `check` reports them all.
    /// `compiling: false` renders everything through swift-mustache, for tests that hold the
    /// two to the same bytes.
    public init(overrides files: [String: [UInt8]], compiling: Bool = true) throws(GuideTemplateError) {
        let problems = Self.check(files)
        if problems.contains(where: { $0.severity == .error }) { throw GuideTemplateError(diagnostics: problems) }
        var texts = DefaultTemplates.all
        var overridden: [String] = []
        for (path, bytes) in files {
            guard let name = Self.name(ofOverride: path), texts[name] != nil else { continue }
            texts[name] = String(decoding: bytes, as: UTF8.self)
            overridden.append(name)
        }
        Self.registerContentTypes()
        // The overrides are parsed now, so that one that does not parse stops the build here;
        // the defaults (which the tests parse) when the library is first needed.
        var parsed: [String: MustacheTemplate] = [:]
        for name in overridden {
            do {
                parsed[name] = try MustacheTemplate(string: Self.prepared(texts[name] ?? "", name: name))
            } catch {
                throw GuideTemplateError(diagnostics: [
                    Diagnostic(.invalidValue, "template `\(name)` does not parse: \(error)", at: nil)
                ])
            }
        }
        library = Once { [texts, parsed] in
            var library = MustacheLibrary()
            for (name, text) in texts {
                // A default that does not parse is Jimu's own bug (the tests parse them all):
                // stop, rather than render an empty page.
                guard let template = try? parsed[name] ?? MustacheTemplate(string: Self.prepared(text, name: name)) else {
                    preconditionFailure("the default template `\(name)` does not parse")
                }
                library.register(template, named: name)
            }
            return library
        }
        self.overridden = overridden.sorted()
        compiled = compiling ? Self.compile(texts) : [:]
    }

    /// The template `name` filled with `values`, as UTF-8.
    func render(_ name: String, _ values: TemplateObject) -> [UInt8] {
        if let template = compiled[name] {
            if let bytes = template.render(values, partials: compiled) { return bytes }
            onFallback?(name)
        }
        return Array((library.value.render(values.mustacheValue, withTemplate: name) ?? "").utf8)
    }

    /// The templates `CompiledTemplate` covers, dropping each one that includes a template
    /// it does not, until none does.
    private static func compile(_ texts: [String: String]) -> [String: CompiledTemplate] {
        var compiled: [String: CompiledTemplate] = [:]
        for (name, text) in texts {
            compiled[name] = CompiledTemplate(text, escaping: isMarkdown(name) ? .markdown : .html)
        }
        while let uncovered = compiled.first(where: { $0.value.partials.contains { compiled[$0] == nil } })?.key {
            compiled[uncovered] = nil
        }
        return compiled
    }

    // MARK: Checking overrides

    /// The template name of a catalog file under `templates/`, or nil when it is not
    /// `templates/<name>.mustache`.
    static func name(ofOverride path: String) -> String? {
        guard path.hasPrefix(folder), path.hasSuffix(suffix), path.count > folder.count + suffix.count else { return nil }
        return String(path.dropFirst(folder.count).dropLast(suffix.count))
    }

    /// Every problem of the catalog's template files: a file that overrides no template
    /// (a warning), and for each override: bytes that are not UTF-8, a syntax error, a tag
    /// Jimu does not allow, a partial that names no template, or partials that include each
    /// other in a cycle.
    public static func check(_ files: [String: [UInt8]]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var texts = DefaultTemplates.all
        var overrides: [String: String] = [:]
        for path in files.keys.sorted() {
            let bytes = files[path] ?? []
            guard let name = name(ofOverride: path), DefaultTemplates.all[name] != nil else {
                let candidate = name(ofOverride: path) ?? String(path.dropFirst(folder.count))
                diagnostics.append(
                    Diagnostic(
                        .unexpectedFile,
                        "`\(path)` overrides no template; a template override is `templates/<name>.mustache`, "
                            + "with a name among: \(names.joined(separator: ", "))",
                        at: .start(of: path),
                        fix: Suggestion.closest(to: candidate, among: names).map {
                            .init("did you mean `templates/\($0).mustache`?", replacement: "templates/\($0).mustache")
                        }))
                continue
            }
            guard let text = String(validating: bytes, as: UTF8.self) else {
                diagnostics.append(Diagnostic(.invalidUTF8, "template `\(path)` is not valid UTF-8", at: .start(of: path)))
                continue
            }
            let tagProblems = policyProblems(text, path: path)
            diagnostics += tagProblems
            guard tagProblems.isEmpty else { continue }
            registerContentTypes()
            do {
                _ = try MustacheTemplate(string: prepared(text, name: name))
            } catch let error as MustacheTemplate.ParserError {
                let shift = 1  // the content-type line `prepared` puts first
                diagnostics.append(
                    Diagnostic(
                        .invalidValue, "template `\(path)` is not valid Mustache: \(describe(error.error))",
                        at: SourceLocation(
                            file: path, line: max(1, error.context.lineNumber - shift), column: error.context.columnNumber)))
                continue
            } catch {
                diagnostics.append(
                    Diagnostic(.invalidValue, "template `\(path)` is not valid Mustache: \(error)", at: .start(of: path)))
                continue
            }
            texts[name] = text
            overrides[name] = path
        }
        // Partials must name templates, and never include themselves, directly or not:
        // that would recurse without end.
        var graph: [String: [(name: String, location: SourceLocation?)]] = [:]
        for (name, text) in texts {
            graph[name] = scan(text, path: overrides[name] ?? name).partials
        }
        for name in overrides.keys.sorted() {
            for partial in graph[name] ?? [] where texts[partial.name] == nil {
                diagnostics.append(
                    Diagnostic(
                        .unknownReference, "template `\(overrides[name] ?? name)` includes `\(partial.name)`, which is no template",
                        at: partial.location,
                        fix: Suggestion.closest(to: partial.name, among: names).map(Diagnostic.Fix.didYouMean)))
            }
        }
        if let cycle = firstCycle(graph) {
            let first = overrides.keys.sorted().first { cycle.contains($0) }
            diagnostics.append(
                Diagnostic(
                    .invalidValue,
                    "templates include each other in a cycle, which never ends: " + (cycle + [cycle[0]]).joined(separator: " → "),
                    at: first.flatMap { name in graph[name]?.first { cycle.contains($0.name) }?.location }
                        ?? first.map { .start(of: overrides[$0] ?? $0) }))
        }
        return diagnostics
    }

    private static func describe(_ error: Error) -> String {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect?: "a section closes with another name than it opened with"
        case .unfinishedName?: "a tag is not closed"
        case .expectedSectionEnd?: "a section is never closed"
        case .invalidSetDelimiter?: "invalid delimiters"
        case .transformAppliedToInheritanceSection?: "a transform on an inheritance section"
        case .illegalTokenInsideInheritSection?: "a tag that is not allowed inside an inheritance section"
        case .textInsideInheritSection?: "text inside an inheritance section"
        case .invalidConfigVariableSyntax?, .unrecognisedConfigVariable?: "an unknown pragma"
        default: "\(error)"
        }
    }

    /// The tags an override may not use: changed delimiters or content type, dynamic
    /// partials, and triple mustaches on values Jimu did not escape.
    static func policyProblems(_ text: String, path: String) -> [Diagnostic] {
        scan(text, path: path).problems
    }

    /// One pass over the tags of a template (delimiters are always `{{ }}`: changing them
    /// is refused).
    private static func scan(_ text: String, path: String) -> (
        partials: [(name: String, location: SourceLocation?)], problems: [Diagnostic]
    ) {
        var partials: [(name: String, location: SourceLocation?)] = []
        var problems: [Diagnostic] = []
        let scalars = Array(text.unicodeScalars)
        var line = 1
        var column = 1
        var i = 0
        func advance(_ count: Int) {
            for _ in 0..<count where i < scalars.count {
                if scalars[i] == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
                i += 1
            }
        }
        func matches(_ s: String, at index: Int) -> Bool {
            let pattern = Array(s.unicodeScalars)
            guard index + pattern.count <= scalars.count else { return false }
            return Array(scalars[index..<index + pattern.count]) == pattern
        }
        while i < scalars.count {
            guard matches("{{", at: i) else {
                advance(1)
                continue
            }
            let location = SourceLocation(file: path, line: line, column: column)
            var j = i + 2
            while j < scalars.count, scalars[j] == " " || scalars[j] == "\t" { j += 1 }
            let sigil = j < scalars.count ? scalars[j] : " "
            let close = sigil == "{" ? "}}}" : "}}"
            var end = j
            while end < scalars.count, !matches(close, at: end) { end += 1 }
            let inner = String(String.UnicodeScalarView(scalars[min(j + 1, end)..<end])).trimmingCharacters(in: .whitespaces)
            switch sigil {
            case "=":
                problems.append(Diagnostic(.invalidValue, "template `\(path)` changes the delimiters; Jimu's templates keep `{{ }}`", at: location))
            case "%":
                problems.append(
                    Diagnostic(.invalidValue, "template `\(path)` sets a pragma; Jimu chooses the escaping of each template", at: location))
            case "{", "&":
                let last = inner.split(separator: ".").last.map(String.init) ?? inner
                if !preEscapedKeys.contains(last) {
                    problems.append(
                        Diagnostic(
                            .invalidValue,
                            "template `\(path)` shows `\(inner)` unescaped; write `{{\(inner)}}` (only "
                                + preEscapedKeys.sorted().map { "`\($0)`" }.joined(separator: ", ") + " may be unescaped)",
                            at: location, fix: .init("escape it", replacement: "{{\(inner)}}")))
                }
            case ">", "<":
                if inner.hasPrefix("*") {
                    problems.append(Diagnostic(.invalidValue, "template `\(path)` uses a dynamic partial, which Jimu cannot check", at: location))
                } else {
                    partials.append((inner, location))
                }
            default:
                break
            }
            advance(min(end + close.unicodeScalars.count, scalars.count) - i)
        }
        return (partials, problems)
    }

    /// A cycle among partial references, if any, in a deterministic order.
    private static func firstCycle(_ graph: [String: [(name: String, location: SourceLocation?)]]) -> [String]? {
        var state: [String: Int] = [:]  // 1 visiting, 2 done
        var stack: [String] = []
        func visit(_ node: String) -> [String]? {
            state[node] = 1
            stack.append(node)
            for next in (graph[node] ?? []).map(\.name) where graph[next] != nil {
                if state[next] == 1, let start = stack.firstIndex(of: next) { return Array(stack[start...]) }
                if state[next] == nil, let cycle = visit(next) { return cycle }
            }
            stack.removeLast()
            state[node] = 2
            return nil
        }
        for node in graph.keys.sorted() where state[node] == nil {
            if let cycle = visit(node) { return cycle }
        }
        return nil
    }

    // MARK: Escaping

    static func isMarkdown(_ name: String) -> Bool { name.hasSuffix(".md") }

    /// The text Mustache parses: Markdown templates escape for Markdown, HTML templates for
    /// HTML with `HTML.escape` (Mustache's own escaping goes by grapheme, so a combining mark
    /// after a quote would leave the quote live in an attribute).
    static func prepared(_ text: String, name: String) -> String {
        "{{%CONTENT_TYPE:\(isMarkdown(name) ? markdownContentType : htmlContentType)}}\n" + text
    }

    static let markdownContentType = "JIMU_MARKDOWN"
    static let htmlContentType = "JIMU_HTML"

    /// Registers Jimu's escaping with Mustache (idempotent).
    static func registerContentTypes() {
        MustacheContentTypes.register(MarkdownContent(), named: markdownContentType)
        MustacheContentTypes.register(HTMLContent(), named: htmlContentType)
    }
}

/// Mustache's escaping for Markdown: `Markdown.escape`, and a leading `1.` that would start
/// an ordered list kept as text.
struct MarkdownContent: MustacheContentType {
    func escapeText(_ text: String) -> String {
        var escaped = Markdown.escape(text)
        let digits = escaped.utf8.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }.count
        if digits > 0, let next = escaped.utf8.dropFirst(digits).first, next == UInt8(ascii: ".") || next == UInt8(ascii: ")") {
            escaped.insert("\\", at: escaped.utf8.index(escaped.startIndex, offsetBy: digits))
        }
        return escaped
    }
}

/// Mustache's escaping for HTML: `HTML.escape`, on bytes.
struct HTMLContent: MustacheContentType {
    func escapeText(_ text: String) -> String { HTML.escape(text) }
}

/// The catalog's templates cannot be used: the diagnostics say why.
public struct GuideTemplateError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    public var description: String { diagnostics.map(\.message).joined(separator: "; ") }
}
