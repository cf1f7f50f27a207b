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
