/// The source line a diagnostic points at, and a caret under its column, aligned for a
/// terminal: East Asian wide characters take two cells and tabs are kept as tabs.
struct SourceLineExcerpt {
    var line: String
    var caret: String

    init?(bytes: [UInt8], line lineNumber: Int, column: Int) {
        guard lineNumber >= 1 else { return nil }
        var start = 0
        var current = 1
        while current < lineNumber {
            guard let newline = bytes[start...].firstIndex(of: 0x0A) else { return nil }
            start = newline + 1
            current += 1
        }
        var end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.endIndex
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        let text = String(decoding: bytes[start..<end], as: UTF8.self)
        var padding = ""
        for scalar in text.unicodeScalars.prefix(max(0, column - 1)) {
            if scalar == "\t" {
                padding.append("\t")
            } else {
                padding.append(String(repeating: " ", count: Self.cellWidth(of: scalar)))
            }
        }
        self.line = text
        self.caret = padding + "^"
    }

    /// Terminal cells a scalar takes: 2 for East Asian wide and full-width characters
    /// (CJK, Hangul, full-width forms, most emoji), 0 for combining marks, else 1.
    static func cellWidth(of scalar: Unicode.Scalar) -> Int {
        switch scalar.value {
        case 0x0300...0x036F, 0x200B...0x200F: 0
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
            0x4E00...0x9FFF, 0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF,
            0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1FAFF,
            0x20000...0x3FFFD:
            2
        default: 1
        }
    }
}
