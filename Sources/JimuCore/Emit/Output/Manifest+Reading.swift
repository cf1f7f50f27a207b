import Foundation

/// Reading `manifest.json` back: every build does, to know which files of the old tree are
/// Jimu's. Read line by line when it is laid out as Jimu writes it (`Manifest.artifact`),
/// as `JSONDecoder` took a tenth of a second over a province's 25,000 lines; any other JSON
/// (edited by hand, escapes in a path) through `JSONDecoder`, with the same result.
extension Manifest {
    static func read(_ bytes: [UInt8]) -> Manifest? {
        canonical(bytes) ?? (try? JSONDecoder().decode(Manifest.self, from: Data(bytes)))
    }

    /// The manifest when `bytes` are exactly Jimu's layout of one with at least one file and
    /// strings without escapes; nil for anything else.
    static func canonical(_ bytes: [UInt8]) -> Manifest? {
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        guard lines.count >= 8, lines.removeLast().isEmpty, lines.removeLast().elementsEqual("}".utf8),
            lines.removeLast().elementsEqual("  }".utf8), lines[0].elementsEqual("{".utf8),
            let (hashKey, catalogHash, hashComma) = member(lines[1], indent: 2), hashKey == "catalog_hash", hashComma,
            let (compilerKey, compiler, compilerComma) = member(lines[2], indent: 2), compilerKey == "compiler", compilerComma,
            lines[3].elementsEqual("  \"files\" : {".utf8)
        else { return nil }
        var files: [String: String] = [:]
        files.reserveCapacity(lines.count - 4)
        for (index, line) in lines.enumerated().dropFirst(4) {
            guard let (path, sha, comma) = member(line, indent: 4), comma == (index < lines.count - 1),
                files.updateValue(sha, forKey: path) == nil
            else { return nil }
        }
        return Manifest(compiler: compiler, catalogHash: catalogHash, files: files)
    }

    /// `<indent>"key" : "value"` with an optional final comma, both strings free of quotes,
    /// backslashes and control characters, and valid UTF-8.
    private static func member(_ line: ArraySlice<UInt8>, indent: Int) -> (String, String, Bool)? {
        var rest = line[...]
        guard rest.count > indent, rest.prefix(indent).allSatisfy({ $0 == UInt8(ascii: " ") }) else { return nil }
        rest = rest.dropFirst(indent)
        let comma = rest.last == UInt8(ascii: ",")
        if comma { rest = rest.dropLast() }
        guard let key = string(&rest), rest.starts(with: " : ".utf8) else { return nil }
        rest = rest.dropFirst(3)
        guard let value = string(&rest), rest.isEmpty else { return nil }
        return (key, value, comma)
    }

    /// A quoted string at the start of `rest`, taken off it.
    private static func string(_ rest: inout ArraySlice<UInt8>) -> String? {
        guard rest.first == UInt8(ascii: "\"") else { return nil }
        let body = rest.dropFirst()
        guard let end = body.firstIndex(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 < 0x20 }),
            body[end] == UInt8(ascii: "\""), let text = String(validating: body[..<end], as: UTF8.self)
        else { return nil }
        rest = body[body.index(after: end)...]
        return text
    }
}
