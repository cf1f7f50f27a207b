import Mustache

/// The languages a guide is written in. Chinese always; English where the catalog's
/// `languages` names it.
public enum GuideLanguage: String, CaseIterable, Sendable {
    case zh, en

    /// The `lang` attribute of HTML written in this language.
    var htmlTag: String { self == .zh ? "zh-CN" : "en" }
}

/// Where an editor's text is written: the file and the path to the text inside it, so the
/// translation check can point at it. The path is resolved only for a text whose English is
/// missing; `anchor` (the owning entity's place) stands in when it cannot be.
struct TextPlace: Hashable {
    enum Step: Hashable {
        case key(String)
        case index(Int)
        /// The element of a sequence whose mapping has `field: value` (`id: birth_certificate`).
        case entry(field: String, value: String)
    }

    var file: String
    var path: [Step]
    var anchor: SourceLocation
    /// What the text is, for the message: "the name of material `x`".
    var what: String

    /// The path as a key an editor can search for: `materials[id=x].name`.
    var key: String {
        var out = ""
        for step in path {
            switch step {
            case .key(let name): out += out.isEmpty ? name : "." + name
            case .index(let index): out += "[\(index)]"
            case .entry(let field, let value): out += "[\(field)=\(value)]"
            }
        }
        return out
    }
}

/// How a guide shows an editor's text. Markdown guides are in one language and fall back
/// to Chinese visibly; the site is bilingual; the translation check records what is missing.
protocol GuideTextStyle {
    /// The language the guide is written in (the site: Chinese, with English beside it).
    var language: GuideLanguage { get }
    /// The value a template receives for `text`. `place` is nil for Jimu's own words.
    func text(_ text: LocalizedText, _ place: @autoclosure () -> TextPlace?) -> TemplateValue
}

extension LocalizedText {
    /// The English text, unless it is missing or blank.
    var english: String? {
        guard let en else { return nil }
        // ASCII decides at once for almost every text; a character is whitespace when its
        // first scalar is, so the first byte beyond ASCII leaves the rest to `Character`.
        for byte in en.utf8 {
            if byte >= 0x80 { return en.contains(where: { !$0.isWhitespace }) ? en : nil }
            if byte != UInt8(ascii: " "), !(0x09...0x0D).contains(byte) { return en }
        }
        return nil
    }
}

/// One language, as plain text: the template escapes it for its format. A missing English
/// text shows the Chinese one with a marker, never silently.
struct SingleLanguageStyle: GuideTextStyle {
    var language: GuideLanguage

    static let fallbackMarker = " (中文 — no English text)"

    func text(_ text: LocalizedText, _ place: @autoclosure () -> TextPlace?) -> TemplateValue {
        .text(string(text))
    }

    /// The text as this style shows it.
    func string(_ text: LocalizedText) -> String {
        switch language {
        case .zh: text.zh
        case .en: text.english ?? text.zh + Self.fallbackMarker
        }
    }
}

/// Both languages, for the site: a `BilingualText`.
struct BilingualStyle: GuideTextStyle {
    var includeEnglish: Bool
    var language: GuideLanguage { .zh }

    func text(_ text: LocalizedText, _ place: @autoclosure () -> TextPlace?) -> TemplateValue {
        .bilingual(BilingualText(zh: text.zh, en: includeEnglish ? text.english : nil))
    }
}

/// A text of the site in both languages, as templates read it: `zh`, `en` (absent when it
/// is missing, or when the catalog publishes Chinese only), and `html`, both already
/// escaped and tagged with `lang`. A value of its own rather than a dictionary: the site
/// holds one for every text of every page, and a dictionary cost a hashed key per entry to
/// build and again to read.
struct BilingualText: MustacheParent, CustomStringConvertible, Sendable {
    let zh: String
    let en: String?

    var html: String {
        var html = "<span lang=\"zh-CN\">" + HTML.escape(zh) + "</span>"
        if let en { html += " <span lang=\"en\" class=\"en\">" + HTML.escape(en) + "</span>" }
        return html
    }

    /// A missing `en` is nil, not an empty value: Mustache then looks the name up in the
    /// enclosing values, as it did in a dictionary without the key.
    func child(named name: String) -> Any? {
        value(named: name)?.mustacheValue
    }

    /// `zh`, `en` and `html` as the compiled renderer reads them.
    func value(named name: String) -> TemplateValue? {
        switch name {
        case "zh": .text(zh)
        case "en": en.map { .text($0) }
        case "html": .text(html)
        default: nil
        }
    }

    /// What `{{text}}` shows on its own: the Chinese text.
    var description: String { zh }
}

/// The translation check's style: English, recording every editor text without English.
final class MissingTextRecorder: GuideTextStyle {
    var language: GuideLanguage { .en }
    private(set) var missing: [TextPlace] = []
    private var seen: Set<String> = []

    func text(_ text: LocalizedText, _ place: @autoclosure () -> TextPlace?) -> TemplateValue {
        if text.english == nil, let place = place() { record(place) }
        return .text(text.zh)
    }

    /// A text with no English, once per file and key.
    func record(_ place: TextPlace) {
        if seen.insert(place.file + "\u{0}" + place.key).inserted { missing.append(place) }
    }
}
