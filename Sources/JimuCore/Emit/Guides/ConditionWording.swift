/// A `required_if` / `visible_if` condition in words an applicant reads, in both languages:
/// fields by their labels, codes by their code-list labels. The English is nil when a label
/// it needs has no English, so the guide falls back to Chinese visibly.
struct ConditionWording {
    /// The label of a field of the same form.
    var label: (String) -> LocalizedText
    /// The label of a code of an enum field, when the field has a code list that defines it.
    var codeLabel: (_ field: String, _ code: String) -> LocalizedText?

    func words(_ expression: ConditionExpression) -> LocalizedText {
        let zh = render(expression, zh: true, nested: false)
        let en = render(expression, zh: false, nested: false)
        return LocalizedText(zh: zh ?? "", en: en)
    }

    /// nil only for English when some label lacks English.
    private func render(_ e: ConditionExpression, zh: Bool, nested: Bool) -> String? {
        func wrap(_ text: String) -> String { nested ? (zh ? "（\(text)）" : "(\(text))") : text }
        switch e {
        case .and(let l, let r):
            guard let a = render(l, zh: zh, nested: true), let b = render(r, zh: zh, nested: true) else { return nil }
            return wrap(zh ? "\(a)且\(b)" : "\(a) and \(b)")
        case .or(let l, let r):
            guard let a = render(l, zh: zh, nested: true), let b = render(r, zh: zh, nested: true) else { return nil }
            return wrap(zh ? "\(a)或\(b)" : "\(a) or \(b)")
        case .not(let inner):
            guard let a = render(inner, zh: zh, nested: true) else { return nil }
            return zh ? "不满足\(a.hasPrefix("（") ? a : "（\(a)）")" : "not \(a.hasPrefix("(") ? a : "(\(a))")"
        case .present(let field):
            guard let name = fieldName(field.id, zh: zh) else { return nil }
            return zh ? "已填写\(name)" : "\(name) is filled in"
        case .truth(let operand):
            guard let a = self.operand(operand, context: nil, zh: zh) else { return nil }
            if case .field = operand { return zh ? "\(a)为是" : "\(a) is yes" }
            return a
        case .member(let operand, let values):
            let field = Self.fieldID(operand)
            guard let a = self.operand(operand, context: nil, zh: zh) else { return nil }
            var options: [String] = []
            for value in values {
                guard let text = literal(value, field: field, zh: zh) else { return nil }
                options.append(text)
            }
            return zh ? "\(a)为\(options.joined(separator: "、"))之一" : "\(a) is one of \(options.joined(separator: ", "))"
        case .compare(let l, let op, let r):
            guard let a = operand(l, context: Self.fieldID(r), zh: zh), let b = operand(r, context: Self.fieldID(l), zh: zh)
            else { return nil }
            let words: String =
                switch (op, zh) {
                case (.equal, true): "为"
                case (.notEqual, true): "不为"
                case (.less, true): "小于"
                case (.lessOrEqual, true): "不大于"
                case (.greater, true): "大于"
                case (.greaterOrEqual, true): "不小于"
                case (.equal, false): " is "
                case (.notEqual, false): " is not "
                case (.less, false): " is less than "
                case (.lessOrEqual, false): " is at most "
                case (.greater, false): " is more than "
                case (.greaterOrEqual, false): " is at least "
                }
            return a + words + b
        }
    }

    private static func fieldID(_ operand: ConditionExpression.Operand) -> String? {
        if case .field(let name) = operand { return name.id }
        return nil
    }

    private func fieldName(_ id: String, zh: Bool) -> String? {
        let text = label(id)
        if zh { return "「\(text.zh)」" }
        return text.english.map { "“\($0)”" }
    }

    /// A literal compared with `context` (a field) reads as that field's code label.
    private func operand(_ operand: ConditionExpression.Operand, context: String?, zh: Bool) -> String? {
        switch operand {
        case .field(let name): fieldName(name.id, zh: zh)
        case .literal(let value): literal(value, field: context, zh: zh)
        }
    }

    private func literal(_ value: ConditionExpression.Literal, field: String?, zh: Bool) -> String? {
        switch value {
        case .bool(let b): return zh ? (b ? "是" : "否") : (b ? "yes" : "no")
        case .number(let n): return n.text
        case .string(let s):
            if let field, let label = codeLabel(field, s) {
                if zh { return "“\(label.zh)”（\(s)）" }
                return label.english.map { "“\($0)” (\(s))" }
            }
            return zh ? "“\(s)”" : "“\(s)”"
        }
    }
}
