import Foundation
@testable import JimuCore
import Testing

/// Report figures are written by integer arithmetic; Foundation's `Decimal` is the oracle
/// for their text, their JSON and their order.
@Suite struct DecimalFigureTests {
    /// `part / whole` scaled by 10^places and rounded half away from zero, as a `Decimal`
    /// built the way the reports built their figures before `DecimalFigure`.
    static func decimal(_ part: Int, _ whole: Int, scale: Int, places: Int) -> Decimal {
        let numerator = part * scale
        let negative = (numerator < 0) != (whole < 0)
        let scaled = (2 * abs(numerator) + abs(whole)) / (2 * abs(whole))
        return Decimal(sign: negative && scaled != 0 ? .minus : .plus, exponent: -places, significand: Decimal(scaled))
    }

    @Test func percentagesAndAveragesReadAsDecimalWritesThem() throws {
        var checked = 0
        for whole in [1, 3, 7, 9, 12, 40, 300, 1_001] {
            for part in -whole * 2...whole * 2 {
                for (figure, oracle) in [
                    (try #require(Figures.percent(part, of: whole)), Self.decimal(part, whole, scale: 1000, places: 1)),
                    (try #require(Figures.average(part, count: whole)), Self.decimal(part, whole, scale: 100, places: 2)),
                ] {
                    #expect(figure.description == oracle.description, "\(part)/\(whole)")
                    #expect(figure.decimal == oracle)
                    #expect(DecimalFigure(figure.description) == figure)
                    checked += 1
                }
            }
        }
        #expect(checked > 5_000)
        #expect(Figures.percent(1, of: 0) == nil)
        #expect(Figures.percent(-1, of: 3)?.description == "-33.3")
        #expect(Figures.percent(-1, of: 3000)?.description == "0")
        #expect(Figures.average(1, count: 20)?.description == "0.05")
        #expect(Figures.percent(5, of: 5)?.description == "100")
    }

    @Test func oneValueOneSpellingAndDecimalsOrder() throws {
        #expect(DecimalFigure(units: 1000, places: 1) == 100)
        #expect(DecimalFigure("33.30") == DecimalFigure("33.3"))
        #expect(DecimalFigure("-0.50")?.description == "-0.5")
        for text in ["", "-", ".5", "5.", "1e3", "+1", "1.2.3", "٣", "0.0000000001", "99999999999999999999"] {
            #expect(DecimalFigure(text) == nil, "\(text)")
        }
        let values = ["-100", "-33.3", "-0.05", "0", "0.05", "0.5", "1", "28.57", "28.6", "100", "9223372036854775807"]
        let figures = values.compactMap(DecimalFigure.init)
        #expect(figures.count == values.count)
        for (a, x) in zip(figures, values) {
            for (b, y) in zip(figures, values) {
                let oracle = try #require(Decimal(string: x)) < (try #require(Decimal(string: y)))
                #expect((a < b) == oracle, "\(x) < \(y)")
            }
        }
        #expect(try #require(DecimalFigure("71.4")) * 4 == DecimalFigure("285.6"))
        #expect(try #require(DecimalFigure("-71.4")).magnitude == DecimalFigure("71.4"))
    }

    /// The merge report's writer, `Encodable` and Foundation's own `Decimal` give the same
    /// JSON; a number with more places than a figure holds is refused, not rounded.
    @Test func figuresInJSONAreDecimals() throws {
        let texts = ["100", "71.4", "0", "0.05", "-33.3", "1.5"]
        let figures = texts.compactMap(DecimalFigure.init)
        var writer = PrettyJSONWriter()
        writer.array(figures) { $0.figure($1) }
        let encoded = try CanonicalJSON.encode(figures)
        #expect(String(decoding: writer.bytes, as: UTF8.self) + "\n" == encoded)
        #expect(try CanonicalJSON.encode(texts.compactMap { Decimal(string: $0) }) == encoded)
        #expect(try JSONDecoder().decode([DecimalFigure].self, from: Data(encoded.utf8)) == figures)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([DecimalFigure].self, from: Data("[0.0000000000001]".utf8)) }
    }
}
