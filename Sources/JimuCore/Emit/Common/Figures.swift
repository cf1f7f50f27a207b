import Foundation

/// Exact decimal figures for reports: a percentage or average rounded once, to a fixed
/// number of places, so JSON shows `42.9` on every machine and never `42.899999999999999`.
public enum Figures {
    /// `part / whole` as a percentage with one decimal; nil when `whole` is zero.
    public static func percent(_ part: Int, of whole: Int) -> DecimalFigure? {
        guard whole != 0 else { return nil }
        return rounded(numerator: part * 1000, denominator: whole, places: 1)
    }

    /// `total / count` with two decimals; nil when `count` is zero.
    public static func average(_ total: Int, count: Int) -> DecimalFigure? {
        guard count != 0 else { return nil }
        return rounded(numerator: total * 100, denominator: count, places: 2)
    }

    /// numerator / denominator, already scaled by 10^places, rounded half away from zero.
    private static func rounded(numerator: Int, denominator: Int, places: Int) -> DecimalFigure {
        let negative = (numerator < 0) != (denominator < 0)
        let n = abs(numerator)
        let d = abs(denominator)
        let scaled = (2 * n + d) / (2 * d)
        return DecimalFigure(units: negative ? -scaled : scaled, places: places)
    }

    /// A figure as text for Markdown, e.g. `42.9`; a dash when there is none.
    public static func text(_ value: DecimalFigure?) -> String { value?.description ?? "–" }
}

/// A decimal figure rounded to a few places, held as a whole number of its last place
/// (`71.4` is 714 tenths): exact, as a `Decimal` is, but written by integer arithmetic. The
/// merge report writes hundreds of thousands of them, and formatting a `Decimal` was a tenth
/// of its time.
///
/// Its text is `Decimal`'s (`100`, `71.4`, `0.05`, `-33.3`: no trailing zeros, no exponent),
/// and it is encoded as a `Decimal`, so JSON written through `Encodable` is unchanged.
public struct DecimalFigure: Sendable, Hashable, Comparable, Codable, CustomStringConvertible,
    LosslessStringConvertible, ExpressibleByIntegerLiteral
{
    /// The value times 10^places, with no trailing zero when `places > 0`: one spelling per
    /// value, so the synthesised equality compares values.
    public let units: Int
    public let places: Int

    public init(units: Int, places: Int) {
        var units = units
        var places = max(places, 0)
        while places > 0 && units % 10 == 0 {
            units /= 10
            places -= 1
        }
        self.units = units
        self.places = places
    }

    public init(integerLiteral value: Int) { self.init(units: value, places: 0) }

    /// Parses `-12.34`: digits with an optional sign and fraction, as `description` writes.
    public init?(_ description: String) {
        var text = Substring(description)
        let negative = text.first == "-"
        if negative { text = text.dropFirst() }
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }) else { return nil }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard parts.count == 1 || !fraction.isEmpty, let units = Int(whole + fraction) else { return nil }
        self.init(units: negative ? -units : units, places: fraction.count)
    }

    public var description: String {
        guard places > 0 else { return String(units) }
        var divisor = 1
        for _ in 0..<places { divisor *= 10 }
        let magnitude = units.magnitude
        let fraction = String(magnitude % UInt(divisor))
        return (units < 0 ? "-" : "") + String(magnitude / UInt(divisor)) + "."
            + String(repeating: "0", count: places - fraction.count) + fraction
    }

    /// The same value as a `Decimal`.
    public var decimal: Decimal {
        Decimal(sign: units < 0 ? .minus : .plus, exponent: -places, significand: Decimal(units.magnitude))
    }

    /// The value without its sign.
    public var magnitude: DecimalFigure { DecimalFigure(units: abs(units), places: places) }

    /// The same value scaled by a whole number.
    public static func * (figure: DecimalFigure, factor: Int) -> DecimalFigure {
        DecimalFigure(units: figure.units * factor, places: figure.places)
    }

    public static func < (left: DecimalFigure, right: DecimalFigure) -> Bool {
        let places = max(left.places, right.places)
        return left.units * power(places - left.places) < right.units * power(places - right.places)
    }

    private static func power(_ exponent: Int) -> Int { (0..<exponent).reduce(1) { value, _ in value * 10 } }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(decimal)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let decimal = try container.decode(Decimal.self)
        guard let figure = DecimalFigure(decimal.description) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "\(decimal) is not a figure of a few decimal places")
        }
        self = figure
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
