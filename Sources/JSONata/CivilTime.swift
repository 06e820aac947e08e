import Foundation

/// Calendar arithmetic on UTC milliseconds, with JavaScript `Date` semantics.
enum CivilTime {
    static let dayMillis = 86_400_000.0

    /// Days since 1970-01-01 for a proleptic Gregorian date (month 1...12).
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Year, month (1...12) and day for days since 1970-01-01.
    static func civil(days z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }

    /// `Date.UTC(year, monthIndex, day, hours, minutes, seconds, millis)`, months overflowing into years.
    static func utc(_ year: Int, _ monthIndex: Int, _ day: Int = 1, _ h: Int = 0, _ m: Int = 0, _ s: Int = 0,
                    _ ms: Int = 0) -> Double {
        var y = year
        if (0...99).contains(y) { y += 1900 }
        let monthYears = Int(Foundation.floor(Double(monthIndex) / 12))
        y += monthYears
        let month = monthIndex - monthYears * 12
        let dayCount = days(year: y, month: month + 1, day: 1) + day - 1
        return Double(dayCount) * dayMillis + Double(h) * 3_600_000 + Double(m) * 60_000 + Double(s) * 1000
            + Double(ms)
    }

    struct Fields {
        var year, month, day, hour, minute, second, millisecond, weekday: Int
        var millis: Double
    }

    static func fields(_ millis: Double) -> Fields {
        let dayNumber = Int(Foundation.floor(millis / dayMillis))
        var rest = Int(millis - Double(dayNumber) * dayMillis)
        let (y, mo, d) = civil(days: dayNumber)
        let hour = rest / 3_600_000
        rest -= hour * 3_600_000
        let minute = rest / 60_000
        rest -= minute * 60_000
        let second = rest / 1000
        let ms = rest - second * 1000
        let weekday = ((dayNumber % 7) + 7 + 4) % 7  // 0 = Sunday
        return Fields(year: y, month: mo, day: d, hour: hour, minute: minute, second: second, millisecond: ms,
                      weekday: weekday, millis: millis)
    }
}
