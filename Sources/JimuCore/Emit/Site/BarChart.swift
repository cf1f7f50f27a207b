/// A horizontal bar chart of percentages as inline SVG, for the reform-figures page: one
/// bar per row, its value written beside it, the rows also in the `<desc>` for screen
/// readers (the page adds a table). Exact decimals throughout, so the bytes never vary.
struct BarChart {
    struct Bar {
        var label: LocalizedText
        /// A percentage; nil when there is nothing to measure (no items, no visits stated).
        var percent: DecimalFigure?
        /// The figure behind it, e.g. `12 of 14` or `7 → 2`.
        var detail: String
        var highlight = false
    }

    var id: String
    var title: LocalizedText
    var bars: [Bar]

    static let labelWidth = 200
    static let scale = 4  // pixels per percentage point: 100% is 400 px
    static let rowHeight = 26
    static let valueWidth = 150

    /// The `<svg>` element.
    func svg(includeEnglish: Bool) -> String {
        let e = HTML.escape
        let width = Self.labelWidth + 100 * Self.scale + Self.valueWidth
        let height = bars.count * Self.rowHeight + 8
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"\(id)\" viewBox=\"0 0 \(width) \(height)\" "
        out += "width=\"\(width)\" height=\"\(height)\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\">\n"
        out += "<title id=\"\(id)-title\">\(e(title.zh))"
        if includeEnglish, let en = title.english { out += " · \(e(en))" }
        out += "</title>\n<desc id=\"\(id)-desc\">"
        out += e(bars.map { "\($0.label.zh)：\(Self.percentText($0.percent))（\($0.detail)）" }.joined(separator: "；"))
        out += "</desc>\n"
        for (index, bar) in bars.enumerated() {
            let y = 4 + index * Self.rowHeight
            let length = max(0, min(100, bar.percent ?? 0)) * Self.scale
            out += "<g class=\"bar\(bar.highlight ? " highlight" : "")\">"
            out += "<text class=\"label\" x=\"\(Self.labelWidth - 8)\" y=\"\(y + 17)\" text-anchor=\"end\">"
            out += e(ProcessDiagram.wrap(bar.label.zh, fontSize: 12, lines: 1).first ?? "") + "</text>"
            out += "<rect x=\"\(Self.labelWidth)\" y=\"\(y + 3)\" width=\"\(Figures.text(length))\" height=\"\(Self.rowHeight - 8)\"/>"
            out += "<text class=\"value\" x=\"\(Self.labelWidth + 100 * Self.scale + 8)\" y=\"\(y + 17)\">"
            out += e(Self.percentText(bar.percent) + "  " + bar.detail) + "</text></g>\n"
        }
        out += "</svg>"
        return out
    }

    static func percentText(_ percent: DecimalFigure?) -> String {
        percent.map { Figures.text($0) + "%" } ?? "–"
    }
}
