import JimuYAML

/// Parses text written in a test.
func parse(_ text: String, limits: YAMLLimits = .default) throws(YAMLError) -> YAMLDocument {
    try YAMLReader.parse(Array(text.utf8), limits: limits)
}

/// The error that parsing `bytes` throws, or nil when it parses.
func parseError(_ bytes: [UInt8], limits: YAMLLimits = .default) -> YAMLError? {
    do {
        _ = try YAMLReader.parse(bytes, limits: limits)
        return nil
    } catch {
        return error
    }
}

/// The error that parsing `text` throws, or nil when it parses.
func parseError(_ text: String, limits: YAMLLimits = .default) -> YAMLError? {
    parseError(Array(text.utf8), limits: limits)
}

extension YAMLDocument {
    /// The value node under a string key of a mapping.
    func node(_ key: String, in mapping: YAMLNodeID) -> YAMLNodeID? {
        entries(of: mapping).first { scalar(of: $0.key) == key }?.value
    }

    /// The key node of a string key of a mapping.
    func keyNode(_ key: String, in mapping: YAMLNodeID) -> YAMLNodeID? {
        entries(of: mapping).first { scalar(of: $0.key) == key }?.key
    }
}

/// A mark, shorter to write in expectations.
func at(_ line: Int, _ column: Int) -> YAMLMark {
    YAMLMark(line: line, column: column)
}
