import JimuCore
import Testing

@Suite struct CivilDateTests {
    @Test(arguments: [(2024, true), (2026, false), (2000, true), (1900, false), (2100, false), (2400, true)])
    func leapYears(_ year: Int, _ leap: Bool) {
        #expect(CivilDate.isLeap(year) == leap)
        #expect(CivilDate.daysIn(month: 2, year: year) == (leap ? 29 : 28))
    }

    @Test(arguments: [
        "2026-02-29", "2025-02-29", "2100-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00",
        "2026-1-1", "26-01-01", "2026/01/01", "2026-01-01T00:00", "2026-01-1x", "２０２６-01-01", "", "2026-01",
        "+026-01-01",
    ])
    func invalidDates(_ text: String) {
        #expect(CivilDate(text) == nil)
    }

    @Test(arguments: ["2024-02-29", "2000-02-29", "2026-12-31", "2026-01-01", "1900-02-28"])
    func validDatesRoundTrip(_ text: String) throws {
        let date = try #require(CivilDate(text))
        #expect(date.description == text)
    }

    @Test func componentInitialiserValidates() {
        #expect(CivilDate(year: 2026, month: 2, day: 29) == nil)
        #expect(CivilDate(year: 2026, month: 6, day: 31) == nil)
        #expect(CivilDate(year: 2026, month: 2, day: 28)?.description == "2026-02-28")
    }

    @Test(arguments: [
        // ISO weekdays: 1 = Monday … 7 = Sunday.
        ("2026-02-14", 6),  // Saturday: a make-up working day of the Spring Festival
        ("2026-02-28", 6),
        ("2026-01-04", 7),  // Sunday
        ("2026-01-01", 4),  // Thursday
        ("2026-10-01", 4),
        ("2026-09-20", 7),
        ("1970-01-01", 4),
        ("2000-01-01", 6),
        ("1969-12-31", 3),
        ("2024-02-29", 4),
    ])
    func weekdays(_ text: String, _ weekday: Int) throws {
        #expect(try #require(CivilDate(text)).weekday == weekday)
    }

    @Test func dayNumbersCountFromTheUnixEpoch() throws {
        #expect(try #require(CivilDate("1970-01-01")).dayNumber == 0)
        #expect(try #require(CivilDate("1969-12-31")).dayNumber == -1)
        #expect(try #require(CivilDate("2026-01-01")).dayNumber == 20454)
        let start = try #require(CivilDate("2026-02-15"))
        let end = try #require(CivilDate("2026-02-23"))
        #expect(end.dayNumber - start.dayNumber == 8)
    }

    @Test func ordering() throws {
        let dates = try ["2026-10-01", "2025-12-31", "2026-02-14", "2026-02-01"].map { try #require(CivilDate($0)) }
        #expect(dates.sorted().map(\.description) == ["2025-12-31", "2026-02-01", "2026-02-14", "2026-10-01"])
    }
}
