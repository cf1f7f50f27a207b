// What each fuzz target does with one input. This one file serves both: the regression tests
// run it on every input a fuzzer ever found (Tests/JimuCoreTests/Fixtures/fuzz-regressions/),
// and Fuzz/Sources/FuzzHarness/FuzzHarness.swift, which the libFuzzer targets build, is a
// symbolic link to it, so a regression input always meets the code that found it.
// FuzzRegressionTests checks that the two paths still read the same.
import Foundation
import JimuCore
import JimuYAML

public enum FuzzHarness {
    // MARK: (a) The YAML reader over raw bytes

    /// Parses the bytes as one document and as a stream, with the default limits and with
    /// small ones (so that the limit paths run often), and walks every document read.
    /// Invariants that would otherwise fail silently are checked with `precondition`, so
    /// that a broken one is a crash the fuzzer reports.
    public static func yaml(_ input: UnsafeRawBufferPointer) {
        let small = YAMLLimits(maxFileBytes: 1 << 20, maxDepth: 6, maxAliasExpansion: 40)
        for limits in [YAMLLimits.default, small] {
            // Straight from the fuzzer's buffer, so AddressSanitizer sees any read past it.
            var single: YAMLDocument?
            do {
                single = try YAMLReader.parse(input, limits: limits)
            } catch {
                check(error)
            }
            var stream: [YAMLDocument]?
            do {
                stream = try YAMLReader.parseStream(input, limits: limits)
            } catch {
                check(error)
            }
            if let single {
                walk(single)
                // One document read alone reads the same as a stream of one.
                precondition(stream != nil, "parse accepted what parseStream refused")
                precondition(
                    (stream?.first?.nodeCount ?? 0) == single.nodeCount,
                    "parse and parseStream read different documents")
            }
            stream?.forEach(walk)
        }
        // The array entry point must agree with the pointer one.
        let bytes = [UInt8](input)
        let fromArray = Result { () throws(YAMLError) in try YAMLReader.parse(bytes) }
        let fromPointer = Result { () throws(YAMLError) in try YAMLReader.parse(input) }
        switch (fromArray, fromPointer) {
        case (.success(let a), .success(let b)): precondition(a.nodeCount == b.nodeCount)
        case (.failure(let a), .failure(let b)): precondition(a == b, "\(a) != \(b)")
        default: preconditionFailure("the array and pointer entry points disagree")
        }
    }

    /// An error is located inside the text and says something.
    static func check(_ error: YAMLError) {
        precondition(error.mark.line >= 1 && error.mark.column >= 1, "error at \(error.mark)")
        precondition(!error.message.isEmpty)
        _ = error.description
    }

    /// Visits every node once (aliases make the tree a DAG), reading everything the API
    /// offers about it.
    static func walk(_ document: YAMLDocument) {
        guard let root = document.root else { return }
        var seen: Set<YAMLNodeID> = []
        var pending = [root]
        var sink = 0
        while let node = pending.popLast() {
            guard seen.insert(node).inserted else { continue }
            let start = document.mark(of: node)
            let end = document.endMark(of: node)
            precondition(start.line >= 1 && start.column >= 1, "node at \(start)")
            precondition((end.line, end.column) >= (start.line, start.column), "node ends at \(end) before \(start)")
            sink &+= document.tag(of: node)?.utf8.count ?? 0
            switch document.kind(of: node) {
            case .scalar:
                sink &+= document.scalar(of: node)?.utf8.count ?? 0
                _ = document.value(of: node)
                _ = document.style(of: node)
            case .sequence:
                let items = document.items(of: node)
                precondition(items.count == document.count(of: node))
                pending.append(contentsOf: items)
            case .mapping:
                let entries = document.entries(of: node)
                precondition(entries.count == document.count(of: node))
                for (key, value) in entries {
                    pending.append(key)
                    pending.append(value)
                }
            }
        }
        precondition(seen.count <= document.nodeCount, "more nodes reached than the document holds")
        withExtendedLifetime(sink) {}
    }

    // MARK: (b) The whole pipeline over a catalog built from the input

    /// The mini catalog of the tests, the base every catalog input overlays.
    public static let mini: [String: [UInt8]] = {
        let folder = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("Tests/JimuCoreTests/Fixtures/mini")
        var files: [String: [UInt8]] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        while let path = enumerator?.nextObject() as? String {
            guard path.hasSuffix(".yaml"), let data = FileManager.default.contents(atPath: folder.path + "/" + path)
            else { continue }
            files[path] = [UInt8](data)
        }
        precondition(files.count >= 10, "the mini catalog is missing at \(folder.path)")
        return files
    }()

    /// The files of a catalog input: the mini catalog with files replaced, added or removed.
    ///
    /// The input is segments separated by NUL bytes (which no valid catalog file holds). A
    /// segment is a header line, then the content: header `PATH` replaces or adds the file at
    /// `PATH`; header `-PATH` removes it. A segment without a line break is a header alone
    /// (an empty file, or a removal); an empty segment does nothing.
    public static func catalogFiles(_ input: [UInt8], base: [String: [UInt8]] = mini) -> [String: [UInt8]] {
        var files = base
        for segment in input.split(separator: 0, omittingEmptySubsequences: true) {
            let newline = segment.firstIndex(of: 0x0A) ?? segment.endIndex
            let header = String(decoding: segment[segment.startIndex..<newline], as: UTF8.self)
            let content = newline < segment.endIndex ? Array(segment[(newline + 1)...]) : []
            if header.hasPrefix("-") {
                files[String(header.dropFirst())] = nil
            } else {
                files[header] = content
            }
        }
        return files
    }

    /// Checks, merges, composes and emits the catalog in memory (what `jimu build` does
    /// short of writing), then renders the diagnostics in every format.
    public static func catalog(_ input: UnsafeRawBufferPointer) {
        let files = catalogFiles([UInt8](input))
        let result: BuildResult
        do {
            result = try BuildPipeline.run(InMemoryFileSystem(bytes: files))
        } catch {
            // Every file is at hand: nothing may fail to be read, and a catalog without
            // errors must build.
            preconditionFailure("the build threw: \(error)")
        }
        for diagnostic in result.check.diagnostics {
            guard let location = diagnostic.location else { continue }
            precondition(files[location.file] != nil, "a diagnostic in `\(location.file)`, which is no file")
            precondition(location.line >= 1 && location.column >= 1, "a diagnostic at \(location)")
        }
        precondition(result.hasErrors == (result.manifest == nil), "errors and a manifest, or neither")
        let sources = result.check.sources
        _ = TextDiagnosticRenderer(colored: true).render(result.check.diagnostics) { sources[$0] }
        do {
            _ = try JSONDiagnosticRenderer().render(result.check.diagnostics, summary: result.check.summary)
            _ = try SARIFDiagnosticRenderer(toolVersion: "fuzz", pathPrefix: "catalog/").render(result.check.diagnostics)
        } catch {
            preconditionFailure("rendering the diagnostics threw: \(error)")
        }
    }

    // MARK: (c) The condition-expression parser

    /// Parses the bytes (as UTF-8, invalid sequences replaced) as a condition; every offset
    /// it reports must lie inside the text.
    public static func condition(_ input: UnsafeRawBufferPointer) {
        let text = String(decoding: input, as: UTF8.self)
        let length = text.unicodeScalars.count
        do {
            let expression = try ConditionParser.parse(text)
            for field in expression.fields {
                precondition(field.offset >= 0 && field.offset < length, "field `\(field.id)` at \(field.offset)")
                precondition(!field.id.isEmpty)
            }
        } catch {
            precondition(error.offset >= 0 && error.offset <= length, "error at \(error.offset) of \(length)")
            precondition(!error.message.isEmpty)
        }
    }
}
