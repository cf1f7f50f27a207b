import JimuYAML

extension DocumentReader {
    /// `calendar/<year>.yaml`; every date must lie in the file's year.
    func decodeCalendar(root: YAMLNodeID, fileYear: String) -> CalendarYear? {
        guard let map = mapping(root, what: "calendar", keys: ["year", "holidays", "workdays"]) else { return nil }
        guard let year = map.required("year").flatMap({ integer($0, what: "year", range: 1900...2200) }) else {
            return nil
        }
        if String(year.value) != fileYear {
            diagnostics.report(
                .nameMismatch, "year \(year.value) does not match the file name `\(fileYear).yaml`", at: year.location)
        }
        func inYear(_ date: Located<CivilDate>) -> Located<CivilDate>? {
            guard date.value.year == year.value else {
                diagnostics.report(
                    .calendarConflict, "\(date.value) lies outside the calendar's year \(year.value)", at: date.location)
                return nil
            }
            return date
        }
        let holidays = map["holidays"].map { node in
            list(node, what: "holidays") { entry -> CalendarYear.Holiday? in
                guard let holiday = mapping(entry, what: "holiday", keys: ["name", "from", "to"]) else { return nil }
                let title = holiday.required("name").flatMap { text($0, what: "holiday name") }
                let from = holiday.required("from").flatMap { date($0, what: "from") }.flatMap(inYear)
                let to = holiday.required("to").flatMap { date($0, what: "to") }.flatMap(inYear)
                guard let title, let from, let to else { return nil }
                if to.value < from.value {
                    diagnostics.report(
                        .calendarConflict, "holiday ends (\(to.value)) before it starts (\(from.value))", at: to.location)
                    return nil
                }
                return CalendarYear.Holiday(name: title, from: from, to: to)
            }
        } ?? []
        let workdays = map["workdays"].map { node in
            list(node, what: "make-up working days") { entry -> CalendarYear.MakeUpDay? in
                guard let day = mapping(entry, what: "make-up working day", keys: ["date", "for"]) else { return nil }
                let when = day.required("date").flatMap { date($0, what: "date") }.flatMap(inYear)
                let reason = day["for"].flatMap { text($0, what: "for") }
                guard let when else { return nil }
                if when.value.weekday < 6 {
                    diagnostics.report(
                        .calendarConflict, "\(when.value) is a weekday already; make-up working days fall on weekends",
                        at: when.location)
                }
                return CalendarYear.MakeUpDay(date: when, reason: reason)
            }
        } ?? []
        for day in workdays {
            if let holiday = holidays.first(where: { $0.from.value <= day.date.value && day.date.value <= $0.to.value }) {
                diagnostics.report(
                    .calendarConflict, "\(day.date.value) is declared both a make-up working day and a holiday",
                    at: day.date.location, notes: [.init("holiday declared here", at: holiday.from.location)])
            }
        }
        return CalendarYear(year: year, holidays: holidays, makeUpDays: workdays)
    }
}
