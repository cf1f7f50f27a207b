/// A bundle's process as inline SVG, laid out by Jimu itself so the site needs no script or
/// network to draw it: a layered layout of the precondition graph with one column per stage
/// (items that run together), one `<g class="node">` per item, edges as curves from left to
/// right, the critical path marked. Integer geometry throughout, so the same catalog gives
/// the same bytes.
struct ProcessDiagram {
    static let nodeWidth = 224
    static let nodeHeight = 100
    static let columnGap = 64
    static let rowGap = 20
    static let margin = 16
    static let header = 28
    static let padding = 10

    struct Node {
        var key: String
        var name: LocalizedText
        var meta: LocalizedText
        var column: Int
        var row: Int
        var x: Int
        var y: Int
        var critical: Bool
    }

    let bundle: StandardBundle
    let nodes: [Node]
    let width: Int
    let height: Int
    let includeEnglish: Bool

    init(_ bundle: StandardBundle, catalog: StandardCatalog, includeEnglish: Bool) {
        self.bundle = bundle
        self.includeEnglish = includeEnglish
        let critical = Set(bundle.schedule.criticalPath)
        let departments = Dictionary(
            catalog.departments.map { ($0.id.value, $0.name) }, uniquingKeysWith: { first, _ in first })
        var predecessors: [String: [String]] = [:]
        for edge in bundle.schedule.edges { predecessors[edge.to, default: []].append(edge.from) }

        // Rows: the first stage in listing order; each later one by the mean row of the
        // items it needs (exact rational comparison), ties in listing order.
        var rowOf: [String: Int] = [:]
        var columns: [[String]] = []
        for stage in bundle.schedule.stages {
            let ordered = stage.items.enumerated().map { index, key -> (key: String, sum: Int, count: Int, index: Int) in
                let rows = (predecessors[key] ?? []).compactMap { rowOf[$0] }
                return rows.isEmpty ? (key, index, 1, index) : (key, rows.reduce(0, +), rows.count, index)
            }.sorted { a, b in
                let left = a.sum * b.count
                let right = b.sum * a.count
                return left != right ? left < right : a.index < b.index
            }.map(\.key)
            for (row, key) in ordered.enumerated() { rowOf[key] = row }
            columns.append(ordered)
        }
        let maxRows = max(1, columns.map(\.count).max() ?? 1)
        var nodes: [Node] = []
        for (column, keys) in columns.enumerated() {
            let offset = (maxRows - keys.count) * (Self.nodeHeight + Self.rowGap) / 2
            for (row, key) in keys.enumerated() {
                let item = catalog.item(key)
                let days = GuideVocabulary.shortDays(item?.promisedLimit.value ?? 0)
                let department = item.flatMap { departments[$0.frame.department.value] }
                let meta = LocalizedText(
                    zh: "承诺 " + days.zh + (department.map { " · " + $0.zh } ?? ""),
                    en: days.en.map { "Promised: " + $0 })
                nodes.append(
                    Node(
                        key: key, name: item?.frame.name ?? LocalizedText(zh: key, en: key), meta: meta, column: column,
                        row: row, x: Self.margin + column * (Self.nodeWidth + Self.columnGap),
                        y: Self.margin + Self.header + offset + row * (Self.nodeHeight + Self.rowGap),
                        critical: critical.contains(key)))
            }
        }
        self.nodes = nodes
        width = 2 * Self.margin + max(1, columns.count) * Self.nodeWidth + max(0, columns.count - 1) * Self.columnGap
        height = 2 * Self.margin + Self.header + maxRows * Self.nodeHeight + (maxRows - 1) * Self.rowGap
    }

    /// The `<svg>` element; `itemHref` links each node to its item page.
    func svg(title: LocalizedText, itemHref: (String) -> String) -> String {
        let e = HTML.escape
        let id = "process-\(bundle.key)"
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"process\" id=\"\(id)\" "
        out += "viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" "
        out += "role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\">\n"
        out += "<title id=\"\(id)-title\">\(e(title.zh))办理流程图"
        if includeEnglish, let en = title.english { out += " · Process of \(e(en))" }
        out += "</title>\n<desc id=\"\(id)-desc\">\(e(description()))</desc>\n"
        out += "<defs><marker id=\"\(id)-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerUnits=\"userSpaceOnUse\" "
        out += "markerWidth=\"10\" markerHeight=\"10\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\"/></marker></defs>\n"
        out += "<g class=\"stages\">\n"
        for column in 0..<bundle.schedule.stages.count {
            let x = Self.margin + column * (Self.nodeWidth + Self.columnGap)
            let parallel = bundle.schedule.stages[column].items.count > 1
            out += "<text class=\"stage-label\" x=\"\(x)\" y=\"\(Self.margin + 14)\">第 \(column + 1) 阶段"
            out += parallel ? "（并联）" : ""
            if includeEnglish { out += " · Stage \(column + 1)" + (parallel ? " (parallel)" : "") }
            out += "</text>\n"
        }
        out += "</g>\n<g class=\"edges\">\n"
        let byKey = Dictionary(nodes.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let path = bundle.schedule.criticalPath
        let criticalEdges = Set(zip(path, path.dropFirst()).map { "\($0.0)\u{0}\($0.1)" })
        for edge in bundle.schedule.edges {
            guard let from = byKey[edge.from], let to = byKey[edge.to] else { continue }
            let x1 = from.x + Self.nodeWidth
            let y1 = from.y + Self.nodeHeight / 2
            let x2 = to.x
            let y2 = to.y + Self.nodeHeight / 2
            let bend = Self.columnGap / 2
            let critical = criticalEdges.contains("\(edge.from)\u{0}\(edge.to)")
            out += "<path class=\"edge\(critical ? " critical" : "")\" data-from=\"\(e(edge.from))\" data-to=\"\(e(edge.to))\" "
            out += "d=\"M\(x1),\(y1) C\(x1 + bend),\(y1) \(x2 - bend),\(y2) \(x2),\(y2)\" marker-end=\"url(#\(id)-arrow)\"/>\n"
        }
        out += "</g>\n<g class=\"nodes\">\n"
        for node in nodes {
            out += "<g class=\"node\(node.critical ? " critical" : "")\" id=\"node-\(e(node.key))\" data-key=\"\(e(node.key))\" "
            out += "transform=\"translate(\(node.x),\(node.y))\">\n"
            var tooltip = node.name.zh
            if includeEnglish, let en = node.name.english { tooltip += " / " + en }
            tooltip += " — " + node.meta.zh
            out += "<title>\(e(tooltip))</title>\n"
            out += "<a href=\"\(e(itemHref(node.key)))\">\n"
            out += "<rect width=\"\(Self.nodeWidth)\" height=\"\(Self.nodeHeight)\" rx=\"6\"/>\n"
            var y = Self.padding + 14
            for line in Self.wrap(node.name.zh, fontSize: 14, lines: 2) {
                out += "<text class=\"name\" lang=\"zh-CN\" x=\"\(Self.padding)\" y=\"\(y)\">\(e(line))</text>\n"
                y += 17
            }
            if includeEnglish, let en = node.name.english {
                for line in Self.wrap(en, fontSize: 11, lines: 2) {
                    out += "<text class=\"en\" lang=\"en\" x=\"\(Self.padding)\" y=\"\(y)\">\(e(line))</text>\n"
                    y += 14
                }
            }
            let meta = Self.wrap(node.meta.zh, fontSize: 11, lines: 1).first ?? ""
            out += "<text class=\"meta\" lang=\"zh-CN\" x=\"\(Self.padding)\" y=\"\(Self.nodeHeight - Self.padding)\">\(e(meta))</text>\n"
            out += "</a>\n</g>\n"
        }
        out += "</g>\n</svg>"
        return out
    }

    /// The diagram in words, for screen readers: the stages and the critical path.
    func description() -> String {
        let names = Dictionary(nodes.map { ($0.key, $0.name.zh) }, uniquingKeysWith: { first, _ in first })
        var parts = bundle.schedule.stages.enumerated().map { index, stage in
            "第 \(index + 1) 阶段：" + stage.items.map { names[$0] ?? $0 }.joined(separator: "、")
        }
        parts.append("关键路径：" + bundle.schedule.criticalPath.map { names[$0] ?? $0 }.joined(separator: " → "))
        return parts.joined(separator: "；")
    }

    /// Breaks `text` into at most `lines` lines that fit the node, by an estimate of glyph
    /// widths (CJK one em, Latin about half): between words or CJK characters, inside a
    /// word only when it alone is too long; the last line ends in `…` when text is left.
    static func wrap(_ text: String, fontSize: Int, lines: Int) -> [String] {
        let available = (nodeWidth - 2 * padding) * 100
        func isWide(_ c: Character) -> Bool { (c.unicodeScalars.first?.value ?? 0) >= 0x2E80 }
        func width(_ c: Character) -> Int {
            if isWide(c) { return fontSize * 100 }
            if c.isUppercase || c == "m" || c == "w" { return fontSize * 70 }
            return fontSize * 56
        }
        func width<S: Sequence<Character>>(_ s: S) -> Int { s.reduce(0) { $0 + width($1) } }
        func trimmed(_ s: String) -> String {
            var s = s
            while s.last == " " { s.removeLast() }
            return s
        }

        // Tokens: a word with the spaces after it, or one CJK character.
        var tokens: [String] = []
        for c in text.map({ $0.isNewline ? " " : $0 }) {
            if c == " " {
                if tokens.isEmpty { continue }
                tokens[tokens.count - 1].append(c)
            } else if isWide(c) || tokens.last.map({ $0.last == " " || $0.last.map(isWide) == true }) ?? true {
                tokens.append(String(c))
            } else {
                tokens[tokens.count - 1].append(c)
            }
        }

        var result: [String] = []
        var current = ""
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            if width(trimmed(current + token)) <= available {
                current += token
                index += 1
                continue
            }
            if result.count == lines - 1 {
                // The last line: as much as fits with the ellipsis.
                var last = trimmed(current.isEmpty ? token : current)
                while width(last) + fontSize * 100 > available, !last.isEmpty { last.removeLast() }
                result.append(trimmed(last) + "…")
                return result
            }
            if current.isEmpty {
                // A word wider than a line: break inside it.
                var head = ""
                for c in token {
                    if width(head) + width(c) > available { break }
                    head.append(c)
                }
                result.append(head)
                tokens[index] = String(token.dropFirst(head.count))
                continue
            }
            result.append(trimmed(current))
            current = ""
        }
        if !current.isEmpty || result.isEmpty { result.append(trimmed(current)) }
        return result
    }
}
