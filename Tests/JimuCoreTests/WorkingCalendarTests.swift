import Foundation
import JimuCore
import Testing

/// Working days (工作日) as DOMAIN.md defines them: Monday to Friday, minus public holidays,
/// plus the weekend days declared make-up working days (调休). A limit of n working days
/// started on d is accepted on d when d is a working day, else on the next working day, and
/// is due on the n-th working day after acceptance (0: the acceptance day itself).
///
/// The calendars are the repository's own `catalog/calendar/2025.yaml` and `2026.yaml`, read
/// through the catalog decoder; the expectations are typed in below from DOMAIN.md, so the
/// test checks the catalog's data as much as the counting.
@Suite struct WorkingCalendarTests {
    // MARK: The arrangement as DOMAIN.md states it

    /// Holidays of 2025 and 2026, from DOMAIN.md "Working days", inclusive ranges.
    static let holidayRanges: [(String, String, String)] = [
        ("2025 元旦", "2025-01-01", "2025-01-01"),
        ("2025 春节", "2025-01-28", "2025-02-04"),
        ("2025 清明", "2025-04-04", "2025-04-06"),
        ("2025 劳动节", "2025-05-01", "2025-05-05"),
        ("2025 端午", "2025-05-31", "2025-06-02"),
        ("2025 国庆+中秋", "2025-10-01", "2025-10-08"),
        ("2026 元旦", "2026-01-01", "2026-01-03"),
        ("2026 春节", "2026-02-15", "2026-02-23"),
        ("2026 清明", "2026-04-04", "2026-04-06"),
        ("2026 劳动节", "2026-05-01", "2026-05-05"),
        ("2026 端午", "2026-06-19", "2026-06-21"),
        ("2026 中秋", "2026-09-25", "2026-09-27"),
        ("2026 国庆", "2026-10-01", "2026-10-07"),
    ]

    /// Make-up working days (调休) of 2025 and 2026, from DOMAIN.md; each is a weekend day.
    static let makeUpDays: [String] = [
        "2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11",
        "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10",
    ]

    static func date(_ text: String) -> CivilDate { CivilDate(text)! }

    /// One due-date case: started on `from`, `days` working days, due on `due`.
    struct Due: Sendable, CustomTestStringConvertible {
        var from: String
        var days: Int
        var due: String
        init(_ from: String, _ days: Int, _ due: String) {
            self.from = from
            self.days = days
            self.due = due
        }
        var testDescription: String { "\(from) + \(days) → \(due)" }
    }

    /// Every holiday day, one by one.
    static let holidayDays: [CivilDate] = holidayRanges.flatMap { _, from, to in
        (date(from).dayNumber...date(to).dayNumber).map { CivilDate(dayNumber: $0) }
    }

    // MARK: Loading the repository's calendars

    /// The repository root, from this file's place: `Tests/JimuCoreTests/<file>`.
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The repository's calendar files, `catalog/calendar/2025.yaml` and `2026.yaml`.
    static func calendarFiles(sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> [String: [UInt8]] {
        let folder = repository.appendingPathComponent("catalog/calendar")
        var files: [String: [UInt8]] = [:]
        for year in ["2025", "2026"] {
            let url = folder.appendingPathComponent("\(year).yaml")
            try #require(
                FileManager.default.fileExists(atPath: url.path), "the catalog has no \(url.path)",
                sourceLocation: sourceLocation)
            files["calendar/\(year).yaml"] = try [UInt8](Data(contentsOf: url))
        }
        return files
    }

    /// The calendars decoded by the catalog decoder, with no diagnostic in a calendar file.
    static func loadCalendar(sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> WorkingCalendar {
        let files = try calendarFiles(sourceLocation: sourceLocation)
        let decoded = try CatalogDecoder.decode(InMemoryFileSystem(bytes: files))
        let problems = decoded.diagnostics.filter { $0.location?.file.hasPrefix("calendar/") ?? false }
        #expect(
            problems.isEmpty, "the calendar files have diagnostics: \(problems.map { "\($0.code.rawValue): \($0.message)" })",
            sourceLocation: sourceLocation)
        let years = decoded.catalog.calendars.map(\.year.value).sorted()
        try #require(years == [2025, 2026], "decoded calendar years \(years)", sourceLocation: sourceLocation)
        return WorkingCalendar(decoded.catalog.calendars)
    }

    // MARK: Which days are working days

    @Test func everyHolidayOfDomainIsNotAWorkingDay() throws {
        let calendar = try Self.loadCalendar()
        #expect(Self.holidayDays.count == 28 + 33)
        for day in Self.holidayDays {
            #expect(try calendar.isWorkingDay(day) == false, "\(day) is a holiday in DOMAIN.md")
        }
    }

    @Test(arguments: WorkingCalendarTests.makeUpDays)
    func everyMakeUpDayIsAWorkingDay(_ text: String) throws {
        let calendar = try Self.loadCalendar()
        let day = Self.date(text)
        #expect(day.weekday >= 6, "\(day) is a make-up day in DOMAIN.md, so a weekend day")
        #expect(try calendar.isWorkingDay(day), "\(day) is a make-up working day in DOMAIN.md")
    }

    /// Ordinary days, by hand: 2026-03-02 is a Monday with no holiday near it.
    @Test(arguments: [
        ("2026-03-02", true), ("2026-03-03", true), ("2026-03-04", true), ("2026-03-05", true),
        ("2026-03-06", true), ("2026-03-07", false), ("2026-03-08", false),
        ("2025-07-11", true), ("2025-07-12", false), ("2025-07-13", false), ("2025-07-14", true),
        // Weekends next to a make-up day stay rest days: Sun 2026-02-15 is 春节, Sun 2026-03-01 ordinary.
        ("2026-03-01", false), ("2025-02-09", false), ("2025-09-27", false),
        // Weekdays inside holidays.
        ("2026-02-16", false), ("2025-10-08", false), ("2026-10-07", false),
        // The last days of 2026: plain weekdays.
        ("2026-12-31", true), ("2026-12-30", true),
    ])
    func ordinaryDays(_ text: String, working: Bool) throws {
        let calendar = try Self.loadCalendar()
        #expect(try calendar.isWorkingDay(Self.date(text)) == working)
    }

    /// The whole of 2025 and 2026, day by day, against DOMAIN.md: the catalog declares no
    /// holiday or make-up day DOMAIN.md lacks, and misses none.
    @Test func everyDayOfBothYearsMatchesDomain() throws {
        let calendar = try Self.loadCalendar()
        let holidays = Set(Self.holidayDays)
        let makeUp = Set(Self.makeUpDays.map(Self.date))
        var working = [2025: 0, 2026: 0]
        for number in Self.date("2025-01-01").dayNumber...Self.date("2026-12-31").dayNumber {
            let day = CivilDate(dayNumber: number)
            let expected = makeUp.contains(day) || (day.weekday <= 5 && !holidays.contains(day))
            let actual = try calendar.isWorkingDay(day)
            #expect(actual == expected, "\(day) (weekday \(day.weekday)): catalog says \(actual), DOMAIN.md \(expected)")
            if actual { working[day.year, default: 0] += 1 }
        }
        // By hand: each year has 261 weekdays (52 weeks and one Wednesday, resp. Thursday).
        // 2025 takes 18 of them off (元旦 1, 春节 6, 清明 1, 劳动节 3, 端午 1, 国庆 6) and works
        // 5 weekend days: 248. 2026 takes 19 off (元旦 2, 春节 6, 清明 1, 劳动节 3, 端午 1,
        // 中秋 1, 国庆 5) and works 6: 248. (Both are 365 − 104 weekend days − 13 statutory
        // holiday days, the State Council's figure since 2025.)
        print("working days: 2025 → \(working[2025]!), 2026 → \(working[2026]!)")
        #expect(working[2025] == 248)
        #expect(working[2026] == 248)
    }

    // MARK: Due dates

    /// Across 春节 2026. 2026-02-13 is a Friday and a working day, so it is the acceptance day.
    /// - 1 working day: the next working day is Sat 2026-02-14, a make-up day (调休 for 春节)
    ///   → 2026-02-14.
    /// - 2: Sun 02-15 to Mon 02-23 are the holiday (9 days), so the second is Tue 2026-02-24.
    /// - 5: Tue 24 (2), Wed 25 (3), Thu 26 (4), Fri 27 (5) → 2026-02-27.
    /// - 6: Sat 2026-02-28 is the second make-up day → 2026-02-28; 7: Mon 2026-03-02.
    /// - 0: the acceptance day itself, 2026-02-13.
    @Test(arguments: [
        (0, "2026-02-13"), (1, "2026-02-14"), (2, "2026-02-24"), (5, "2026-02-27"), (6, "2026-02-28"),
        (7, "2026-03-02"),
    ])
    func dueAcrossSpringFestival2026(days: Int, due: String) throws {
        let calendar = try Self.loadCalendar()
        #expect(try calendar.acceptanceDay(Self.date("2026-02-13")) == Self.date("2026-02-13"))
        #expect(try calendar.dueDate(from: Self.date("2026-02-13"), workingDays: days) == Self.date(due))
    }

    /// Across 国庆+中秋 2025 (Oct 1–8 off; Sun Sep 28 and Sat Oct 11 worked).
    /// - From Tue 2025-09-30 (a working day): 1 → Thu Oct 9, 2 → Fri Oct 10, 3 → Sat Oct 11
    ///   (make-up), 4 → Mon Oct 13.
    /// - From Sat 2025-09-27 (a plain Saturday): accepted Sun Sep 28, a make-up day; 0 → Sep 28,
    ///   1 → Mon Sep 29, 2 → Tue Sep 30, 3 → Thu Oct 9.
    /// - From Fri 2025-10-03 (a holiday): accepted Thu Oct 9; 0 → Oct 9, 1 → Oct 10, 2 → Oct 11.
    @Test(arguments: [
        Due("2025-09-30", 1, "2025-10-09"), Due("2025-09-30", 2, "2025-10-10"), Due("2025-09-30", 3, "2025-10-11"),
        Due("2025-09-30", 4, "2025-10-13"),
        Due("2025-09-27", 0, "2025-09-28"), Due("2025-09-27", 1, "2025-09-29"), Due("2025-09-27", 2, "2025-09-30"),
        Due("2025-09-27", 3, "2025-10-09"),
        Due("2025-10-03", 0, "2025-10-09"), Due("2025-10-03", 1, "2025-10-10"), Due("2025-10-03", 2, "2025-10-11"),
    ])
    func dueAcrossNationalDay2025(_ due: Due) throws {
        let calendar = try Self.loadCalendar()
        #expect(try calendar.dueDate(from: Self.date(due.from), workingDays: due.days) == Self.date(due.due))
    }

    /// Across 中秋 and 国庆 2026 (Sep 25–27 and Oct 1–7 off; Sun Sep 20 and Sat Oct 10 worked).
    /// - From Thu 2026-09-24: 1 → Mon Sep 28 (Fri 25 – Sun 27 off), 2 → Sep 29, 3 → Sep 30,
    ///   4 → Thu Oct 8, 5 → Fri Oct 9, 6 → Sat Oct 10 (make-up), 7 → Mon Oct 12.
    /// - From Sat 2026-09-19: accepted Sun Sep 20 (make-up); 0 → Sep 20, 1 → Mon Sep 21.
    /// - From Thu 2026-10-01 (a holiday): accepted Thu Oct 8; 0 → Oct 8, 3 → Mon Oct 12.
    @Test(arguments: [
        Due("2026-09-24", 1, "2026-09-28"), Due("2026-09-24", 2, "2026-09-29"), Due("2026-09-24", 3, "2026-09-30"),
        Due("2026-09-24", 4, "2026-10-08"), Due("2026-09-24", 5, "2026-10-09"), Due("2026-09-24", 6, "2026-10-10"),
        Due("2026-09-24", 7, "2026-10-12"),
        Due("2026-09-19", 0, "2026-09-20"), Due("2026-09-19", 1, "2026-09-21"),
        Due("2026-10-01", 0, "2026-10-08"), Due("2026-10-01", 3, "2026-10-12"),
    ])
    func dueAcrossNationalDay2026(_ due: Due) throws {
        let calendar = try Self.loadCalendar()
        #expect(try calendar.dueDate(from: Self.date(due.from), workingDays: due.days) == Self.date(due.due))
    }

    /// An application made on a holiday or a rest day is accepted on the next working day.
    @Test(arguments: [
        ("2026-02-15", "2026-02-24"),  // first day of 春节 2026 → the Tuesday after
        ("2026-02-23", "2026-02-24"),  // its last day
        ("2026-01-01", "2026-01-04"),  // 元旦 2026 → Sun Jan 4, a make-up day
        ("2025-01-01", "2025-01-02"),  // 元旦 2025 (a Wednesday) → Thursday
        ("2025-01-25", "2025-01-26"),  // Sat before 春节 2025 → Sun Jan 26, a make-up day
        ("2025-05-01", "2025-05-06"),  // 劳动节 2025
        ("2026-03-07", "2026-03-09"),  // a plain Saturday → Monday
        ("2026-03-09", "2026-03-09"),  // a working day is accepted the same day
    ])
    func acceptanceDay(_ start: String, _ accepted: String) throws {
        let calendar = try Self.loadCalendar()
        #expect(try calendar.acceptanceDay(Self.date(start)) == Self.date(accepted))
        // A 0-day limit (即办) is due on the acceptance day itself.
        #expect(try calendar.dueDate(from: Self.date(start), workingDays: 0) == Self.date(accepted))
    }

    /// Across the turn of 2025 into 2026: from Wed 2025-12-31, the first working day after is
    /// Sun 2026-01-04 (Jan 1–3 off, Jan 4 worked), the second Mon Jan 5.
    @Test func dueAcrossTheYearEnd() throws {
        let calendar = try Self.loadCalendar()
        #expect(try calendar.dueDate(from: Self.date("2025-12-31"), workingDays: 1) == Self.date("2026-01-04"))
        #expect(try calendar.dueDate(from: Self.date("2025-12-31"), workingDays: 2) == Self.date("2026-01-05"))
    }

    /// A limit that runs out of the covered years is an error naming the missing year, never
    /// a guess: from Wed 2026-12-30, the first working day is Thu Dec 31 and the second would
    /// lie in 2027.
    @Test func limitSpillingInto2027IsAGapNaming2027() throws {
        let calendar = try Self.loadCalendar()
        #expect(try calendar.dueDate(from: Self.date("2026-12-30"), workingDays: 1) == Self.date("2026-12-31"))
        #expect(try calendar.dueDate(from: Self.date("2026-12-31"), workingDays: 0) == Self.date("2026-12-31"))
        do throws(WorkingCalendar.Gap) {
            let due = try calendar.dueDate(from: Self.date("2026-12-30"), workingDays: 2)
            Issue.record("expected a gap, got \(due)")
        } catch {
            #expect(error.date == Self.date("2027-01-01"))
            #expect(error.date.year == 2027)
            #expect(error.covered == [2025, 2026])
            #expect(error.description.contains("2027"))
            #expect(error.description.contains("2027-01-01"))
        }
        // A start in an uncovered year is a gap too, before and after.
        #expect(throws: WorkingCalendar.Gap.self) { try calendar.isWorkingDay(Self.date("2027-01-04")) }
        #expect(throws: WorkingCalendar.Gap.self) { try calendar.acceptanceDay(Self.date("2024-12-31")) }
        // Sat 2026-12-26: Mon Dec 28 accepts it; a weekend start at the end of the year that
        // would need 2027 fails: Sat 2026-12-26 + 4 working days = Dec 28 +1 29, +2 30, +3 31, +4 → 2027.
        #expect(throws: WorkingCalendar.Gap.self) {
            try calendar.dueDate(from: Self.date("2026-12-26"), workingDays: 4)
        }
        #expect(try calendar.dueDate(from: Self.date("2026-12-26"), workingDays: 3) == Self.date("2026-12-31"))
    }

    /// An empty calendar covers nothing.
    @Test func emptyCalendarCoversNothing() {
        let calendar = WorkingCalendar([])
        #expect(calendar.years.isEmpty)
        #expect(throws: WorkingCalendar.Gap.self) { try calendar.isWorkingDay(Self.date("2026-03-02")) }
    }

    // MARK: Civil dates

    /// `CivilDate(dayNumber:)` inverts `dayNumber` over every day of 1900…2200, and walks the
    /// calendar one day at a time (month and year ends, leap days: 1900 and 2100 are not leap
    /// years, 2000 is).
    @Test func dayNumberRoundTrip1900to2200() throws {
        let first = try #require(CivilDate(year: 1900, month: 1, day: 1))
        let last = try #require(CivilDate(year: 2200, month: 12, day: 31))
        #expect(first.dayNumber == -25567)
        #expect(CivilDate(year: 1970, month: 1, day: 1)!.dayNumber == 0)
        #expect(CivilDate(year: 2000, month: 3, day: 1)!.dayNumber == 11017)
        #expect(first.weekday == 1)  // 1900-01-01 was a Monday
        #expect(CivilDate(year: 2026, month: 2, day: 13)!.weekday == 5)  // a Friday
        #expect(CivilDate(year: 1900, month: 2, day: 29) == nil)
        #expect(CivilDate(year: 2100, month: 2, day: 29) == nil)
        #expect(CivilDate(year: 2000, month: 2, day: 29) != nil)
        var expected = first
        var failures = 0
        for number in first.dayNumber...last.dayNumber {
            let date = CivilDate(dayNumber: number)
            if date != expected || date.dayNumber != number || CivilDate(date.description) != date
                || date.adding(days: 1).weekday != date.weekday % 7 + 1
            {
                failures += 1
                if failures <= 5 { Issue.record("day \(number): \(date), expected \(expected)") }
            }
            // The next day by hand.
            if expected.day < CivilDate.daysIn(month: expected.month, year: expected.year) {
                expected.day += 1
            } else if expected.month < 12 {
                expected = CivilDate(year: expected.year, month: expected.month + 1, day: 1)!
            } else {
                expected = CivilDate(year: expected.year + 1, month: 1, day: 1)!
            }
        }
        #expect(failures == 0)
        #expect(last.dayNumber - first.dayNumber + 1 == 301 * 365 + 73)  // 73 leap days in 1900…2200
    }
}
