/// Working days (工作日) from the catalog's calendars: Monday to Friday, minus public
/// holidays, plus the weekend days declared make-up working days (调休). The arrangement is
/// data, published yearly; a day in a year the catalog lacks is an error, never a guess.
public struct WorkingCalendar: Sendable {
    private var holidays: Set<Int> = []
    private var makeUpDays: Set<Int> = []
    public private(set) var years: Set<Int> = []

    /// A day outside every year the catalog's calendars cover.
    public struct Gap: Error, Equatable, Sendable, CustomStringConvertible {
        public var date: CivilDate
        public var covered: [Int]

        public var description: String {
            "\(date) lies in \(date.year), which the catalog's calendar does not cover"
                + (covered.isEmpty ? "" : " (it covers \(covered.map(String.init).joined(separator: ", ")))")
        }
    }

    public init(_ calendars: [CalendarYear]) {
        for calendar in calendars {
            years.insert(calendar.year.value)
            for holiday in calendar.holidays {
                var day = holiday.from.value.dayNumber
                while day <= holiday.to.value.dayNumber {
                    holidays.insert(day)
                    day += 1
                }
            }
            for day in calendar.makeUpDays { makeUpDays.insert(day.date.value.dayNumber) }
        }
    }

    public func isWorkingDay(_ date: CivilDate) throws(Gap) -> Bool {
        guard years.contains(date.year) else { throw Gap(date: date, covered: years.sorted()) }
        let day = date.dayNumber
        if makeUpDays.contains(day) { return true }
        if holidays.contains(day) { return false }
        return date.weekday <= 5
    }

    /// The day an application made on `date` is accepted: that day if it is a working day,
    /// else the next working day.
    public func acceptanceDay(_ date: CivilDate) throws(Gap) -> CivilDate {
        var day = date
        while try !isWorkingDay(day) { day = day.adding(days: 1) }
        return day
    }

    /// The due date of a limit of `workingDays` counted from `start`: limits count from the
    /// working day after acceptance (受理之日起), so 0 is the acceptance day itself and 1 the
    /// next working day.
    public func dueDate(from start: CivilDate, workingDays: Int) throws(Gap) -> CivilDate {
        var day = try acceptanceDay(start)
        var remaining = workingDays
        while remaining > 0 {
            day = day.adding(days: 1)
            if try isWorkingDay(day) { remaining -= 1 }
        }
        return day
    }
}

extension CivilDate {
    /// The date `days` days later (or earlier, when negative).
    public func adding(days: Int) -> CivilDate {
        CivilDate(dayNumber: dayNumber + days)
    }

    /// The date of a day number (days since 1970-01-01), by Howard Hinnant's algorithm.
    public init(dayNumber: Int) {
        let z = dayNumber + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        self = CivilDate(year: year, month: month, day: day)!
    }
}
