import Foundation

extension DateTimePicture {
    static let dayNames = ["", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                             "October", "November", "December"]

    /// The start (UTC millis) of week 1 of a month: the week holding its first Thursday, starting on Monday.
    static func startOfFirstWeek(year: Int, monthIndex: Int) -> Double {
        let first = CivilTime.utc(year, monthIndex)
        var weekday = CivilTime.fields(first).weekday
        if weekday == 0 { weekday = 7 }
        return weekday > 4 ? first + Double(8 - weekday) * CivilTime.dayMillis
            : first - Double(weekday - 1) * CivilTime.dayMillis
    }

    static func weeks(_ start: Double, _ end: Double) -> Double { (end - start) / (CivilTime.dayMillis * 7) + 1 }

    /// The numeric (or, for `P`, textual) value of one component.
    static func fragment(_ f: CivilTime.Fields, _ component: Character) -> JSONataValue? {
        switch component {
        case "Y": return .number(Double(f.year))
        case "M": return .number(Double(f.month))
        case "D": return .number(Double(f.day))
        case "d":
            let start = CivilTime.utc(f.year, 0)
            let today = CivilTime.utc(f.year, f.month - 1, f.day)
            return .number((today - start) / CivilTime.dayMillis + 1)
        case "F": return .number(Double(f.weekday == 0 ? 7 : f.weekday))
        case "W":
            let start = startOfFirstWeek(year: f.year, monthIndex: 0)
            let today = CivilTime.utc(f.year, f.month - 1, f.day)
            var week = weeks(start, today)
            if week > 52 {
                if today >= startOfFirstWeek(year: f.year + 1, monthIndex: 0) { week = 1 }
            } else if week < 1 {
                week = weeks(startOfFirstWeek(year: f.year - 1, monthIndex: 0), today)
            }
            return .number(Foundation.floor(week))
        case "X":
            let start = startOfFirstWeek(year: f.year, monthIndex: 0)
            let next = startOfFirstWeek(year: f.year + 1, monthIndex: 0)
            if f.millis < start { return .number(Double(f.year - 1)) }
            if f.millis >= next { return .number(Double(f.year + 1)) }
            return .number(Double(f.year))
        case "w":
            let start = startOfFirstWeek(year: f.year, monthIndex: f.month - 1)
            let today = CivilTime.utc(f.year, f.month - 1, f.day)
            var week = weeks(start, today)
            if week > 4 {
                if today >= startOfFirstWeek(year: f.year, monthIndex: f.month) { week = 1 }
            } else if week < 1 {
                week = weeks(startOfFirstWeek(year: f.year, monthIndex: f.month - 2), today)
            }
            return .number(Foundation.floor(week))
        case "x":
            let start = startOfFirstWeek(year: f.year, monthIndex: f.month - 1)
            let next = startOfFirstWeek(year: f.year, monthIndex: f.month)
            var month = f.month
            if f.millis < start { month -= 1 } else if f.millis >= next { month += 1 }
            if month < 1 { month = 12 } else if month > 12 { month = 1 }
            return .number(Double(month))
        case "H": return .number(Double(f.hour))
        case "h":
            let h = f.hour % 12
            return .number(Double(h == 0 ? 12 : h))
        case "P": return .string(f.hour >= 12 ? "pm" : "am")
        case "m": return .number(Double(f.minute))
        case "s": return .number(Double(f.second))
        case "f": return .number(Double(f.millisecond))
        case "C", "E": return .string("ISO")
        default: return nil
        }
    }

    func format(millis: Double, timezone: String?) throws(JSONataError) -> String {
        var offsetHours = 0, offsetMinutes = 0
        if let timezone {
            let offset = Int(timezone.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "+", with: "")) ?? 0
            // ±HHMM has four digits; a longer offset would overflow the shift below (found by fuzzing).
            guard (-9999...9999).contains(offset) else { throw JSONataError("D3150", value: .string(timezone)) }
            offsetHours = Int(Foundation.floor(Double(offset) / 100))
            offsetMinutes = offset % 100
        }
        let shifted = millis + Double((offsetHours * 60 + offsetMinutes) * 60_000)
        let fields = CivilTime.fields(shifted)
        var result = ""
        for part in parts {
            switch part {
            case .literal(let text): result += text
            case .marker(let marker):
                result += try DateTimePicture.formatComponent(marker, fields, offsetHours: offsetHours,
                                                              offsetMinutes: offsetMinutes)
            }
        }
        return result
    }

    private static func formatComponent(_ marker: Marker, _ fields: CivilTime.Fields, offsetHours: Int,
                                        offsetMinutes: Int) throws(JSONataError) -> String {
        let component = marker.component
        let value = fragment(fields, component)
        if "YMDdFWwXxHhms".contains(component) {
            guard case .number(var number)? = value else { return "" }
            if component == "Y", marker.yearDigits != -1 {
                number = number.truncatingRemainder(dividingBy: Foundation.pow(10, Double(marker.yearDigits)))
            }
            if let names = marker.names {
                var text: String
                if component == "M" || component == "x" {
                    text = monthNames[Int(number) - 1]
                } else if component == "F" {
                    text = dayNames[Int(number)]
                } else {
                    throw JSONataError("D3133", value: .string(String(component)),
                                       message: "The \(component) component cannot be represented as a name")
                }
                if names == .upper { text = text.uppercased() } else if names == .lower { text = text.lowercased() }
                if let maximum = marker.widthMax, text.count > maximum { text = String(text.prefix(maximum)) }
                return text
            }
            guard let format = marker.integerFormat else { return "" }
            return try format.format(number)
        }
        if component == "f" {
            guard case .number(let number)? = value, let format = marker.integerFormat else { return "" }
            return try format.format(number)
        }
        if component == "Z" || component == "z" {
            guard let format = marker.integerFormat else { return "" }
            let offset = offsetHours * 100 + offsetMinutes
            var text: String
            if format.isRegular {
                text = try format.format(Double(offset))
            } else {
                let digits = format.mandatoryDigits
                if digits == 1 || digits == 2 {
                    text = try format.format(Double(offsetHours))
                    if offsetMinutes != 0 {
                        text += ":" + (try IntegerPicture("00").format(Double(offsetMinutes)))
                    }
                } else if digits == 3 || digits == 4 {
                    text = try format.format(Double(offset))
                } else {
                    throw JSONataError("D3134", value: .number(Double(digits)),
                                       message: "The timezone integer format specifier cannot have more than four digits")
                }
            }
            if offset >= 0 { text = "+" + text }
            if component == "z" { text = "GMT" + text }
            if offset == 0, marker.presentation2 == "t" { text = "Z" }
            return text
        }
        if component == "P" {
            guard case .string(var text)? = value else { return "" }
            if marker.names == .upper { text = text.uppercased() }
            return text
        }
        if case .string(let text)? = value { return text }
        return ""
    }
}
