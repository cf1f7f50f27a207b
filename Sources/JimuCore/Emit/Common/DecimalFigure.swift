import Foundation

/// A decimal figure rounded to a few places, held as a whole number of its last place
/// (`71.4` is 714 tenths): exact, as a `Decimal` is, but written by integer arithmetic. The
/// merge report writes hundreds of thousands of them, and formatting a `Decimal` was a tenth
/// of its time.
///
/// Its text is `Decimal`'s (`100`, `71.4`, `0.05`, `-33.3`: no trailing zeros, no exponent),
/// and it is encoded as a `Decimal`, so JSON written through `Encodable` is unchanged.
public struct DecimalFigure: Sendable, Equatable, Comparable, Codable, CustomStringConvertible,
    LosslessStringConvertible, ExpressibleByIntegerLiteral
{
    /// At most this many places: 10^places, and the units scaled to a common place to
    /// compare, stay far inside `Int` for any figure a report holds.
    public static let maxPlaces = 9

    /// The value times 10^places, with no trailing zero when `places > 0`: one spelling per
    /// value, so the synthesised equality compares values.
    public let units: Int
    public let places: Int

    public init(units: Int, places: Int) {
        precondition((0...Self.maxPlaces).contains(places), "a figure has 0 to \(Self.maxPlaces) decimal places")
        var units = units
        var places = places
        while places > 0 && units % 10 == 0 {
            units /= 10
            places -= 1
        }
        self.units = units
        self.places = places
    }

    public init(integerLiteral value: Int) { self.init(units: value, places: 0) }

    /// Parses `-12.34`: digits with an optional sign and fraction, as `description` writes;
    /// nil for anything else, or for more places than a figure holds.
    public init?(_ description: String) {
        var text = Substring(description)
        let negative = text.first == "-"
        if negative { text = text.dropFirst() }
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }) else { return nil }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard parts.count == 1 || !fraction.isEmpty, fraction.count <= Self.maxPlaces, let units = Int(whole + fraction)
        else { return nil }
        self.init(units: negative ? -units : units, places: fraction.count)
    }

    public var description: String {
        guard places > 0 else { return String(units) }
        let divisor = UInt(Self.power(places))
        let fraction = String(units.magnitude % divisor)
        return (units < 0 ? "-" : "") + String(units.magnitude / divisor) + "."
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
        let (leftUnits, leftOverflow) = left.units.multipliedReportingOverflow(by: power(places - left.places))
        let (rightUnits, rightOverflow) = right.units.multipliedReportingOverflow(by: power(places - right.places))
        // Only a figure parsed with many digits gets there: `Decimal` then decides.
        guard !leftOverflow && !rightOverflow else { return left.decimal < right.decimal }
        return leftUnits < rightUnits
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
                in: container, debugDescription: "\(decimal) is not a figure of at most \(Self.maxPlaces) decimal places")
        }
        self = figure
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
