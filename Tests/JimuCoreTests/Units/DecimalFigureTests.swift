import Foundation
@testable import JimuCore
import Testing

/// Report figures are written by integer arithmetic; Foundation's `Decimal` is the oracle
/// for their text, their JSON and their order.
@Suite struct DecimalFigureTests {
    static func decimal(_ figure: DecimalFigure) -> Decimal {
        Decimal(sign: figure.units < 0 ? .minus : .plus, exponent: -figure.places, significand: Decimal(figure.units.magnitude))
    }

    @Test func percentagesAndAveragesReadAsDecimalWritesThem() throws {
        var figures: [DecimalFigure] = []
        for whole in [1, 3, 7, 9, 12, 40, 300, 1_001] {
            for part in -whole * 2...whole * 2 {
                figures.append(try #require(Figures.percent(part, of: whole)))
                figures.append(try #require(Figures.average(part, count: whole)))
            }
        }
        for figure in figures {
            let oracle = Self.decimal(figure)
            #expect(figure.description == oracle.description, "\(figure.units)e-\(figure.places)")
            #expect(figure.decimal == oracle)
            #expect(DecimalFigure(figure.description) == figure)
        }
        #expect(Figures.percent(1, of: 0) == nil)
        #expect(Figures.percent(-1, of: 3)?.description == "-33.3")
        #expect(Figures.percent(-1, of: 3000)?.description == "0")
        #expect(Figures.average(1, count: 20)?.description == "0.05")
        #expect(Figures.percent(5, of: 5)?.description == "100")
    }

    @Test func oneValueOneSpellingAndDecimalsOrder() {
        #expect(DecimalFigure(units: 1000, places: 1) == 100)
        #expect(DecimalFigure("33.30") == DecimalFigure("33.3"))
        #expect(DecimalFigure("-0.50")?.description == "-0.5")
        for text in ["", "-", ".5", "5.", "1e3", "+1", "1.2.3", "٣"] { #expect(DecimalFigure(text) == nil, "\(text)") }
        let values = ["-100", "-33.3", "-0.05", "0", "0.05", "0.5", "1", "28.57", "28.6", "100"]
        let figures = values.compactMap(DecimalFigure.init)
        #expect(figures.count == values.count)
        for a in figures {
            for b in figures { #expect((a < b) == (a.decimal < b.decimal), "\(a) < \(b)") }
        }
        #expect(DecimalFigure("71.4")! * 4 == DecimalFigure("285.6"))
        #expect(DecimalFigure("-71.4")!.magnitude == DecimalFigure("71.4"))
    }

    /// The merge report's writer and `Encodable` (through `Decimal`) give the same JSON.
    @Test func figuresInJSONAreDecimals() throws {
        let figures = ["100", "71.4", "0", "0.05", "-33.3", "1.5"].compactMap(DecimalFigure.init)
        var writer = PrettyJSONWriter()
        writer.array(figures) { $0.figure($1) }
        let encoded = try CanonicalJSON.encode(figures)
        #expect(String(decoding: writer.bytes, as: UTF8.self) + "\n" == encoded)
        #expect(try CanonicalJSON.encode(figures.map(\.decimal)) == encoded)
        let decoded = try JSONDecoder().decode([DecimalFigure].self, from: Data(encoded.utf8))
        #expect(decoded == figures)
    }
}
