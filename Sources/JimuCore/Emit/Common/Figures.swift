import Foundation

/// Exact decimal figures for reports: a percentage or average rounded once, to a fixed
/// number of places, so JSON shows `42.9` on every machine and never `42.899999999999999`.
public enum Figures {
    /// `part / whole` as a percentage with one decimal; nil when `whole` is zero.
    public static func percent(_ part: Int, of whole: Int) -> Decimal? {
        guard whole != 0 else { return nil }
        return rounded(numerator: part * 1000, denominator: whole, places: 1)
    }

    /// `total / count` with two decimals; nil when `count` is zero.
    public static func average(_ total: Int, count: Int) -> Decimal? {
        guard count != 0 else { return nil }
        return rounded(numerator: total * 100, denominator: count, places: 2)
    }

    /// numerator / denominator, already scaled by 10^places, rounded half away from zero.
    private static func rounded(numerator: Int, denominator: Int, places: Int) -> Decimal {
        let negative = (numerator < 0) != (denominator < 0)
        let n = abs(numerator)
        let d = abs(denominator)
        let scaled = (2 * n + d) / (2 * d)
        // Built from sign, exponent and significand: a Decimal division is slow, and the
        // merge report takes several per practice.
        let value = Decimal(sign: negative && scaled != 0 ? .minus : .plus, exponent: -places, significand: Decimal(scaled))
        return value
    }

    /// A decimal as text for Markdown, e.g. `42.9`.
    public static func text(_ value: Decimal?) -> String {
        guard let value else { return "–" }
        return NSDecimalNumber(decimal: value).stringValue
    }
}
