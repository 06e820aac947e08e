import StatesLanguage
import Foundation

/// The signing time in SigV4's two UTC forms: `20150830T123600Z` (`X-Amz-Date`) and
/// `20150830` (the credential scope).
///
/// Computed from the Unix time with integer calendar arithmetic, so no formatter, locale or
/// time zone is involved.
struct SigningTimestamp: Sendable, Hashable {
    /// `yyyyMMdd'T'HHmmss'Z'`.
    let dateTime: String
    /// `yyyyMMdd`.
    let day: String

    init(_ date: Date) {
        // Years 0001 to 9999 are all the four-digit format can say; clamp instead of trapping.
        let lowest = -62_135_596_800.0  // 0001-01-01T00:00:00Z
        let highest = 253_402_300_799.0  // 9999-12-31T23:59:59Z
        let interval = date.timeIntervalSince1970
        let clamped = interval.isNaN ? 0 : min(max(interval.rounded(.down), lowest), highest)
        let seconds = Int64(clamped)
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, dayOfMonth) = Timestamp.civilDate(daysSinceEpoch: days)
        day = Self.digits(year, 4) + Self.digits(month, 2) + Self.digits(dayOfMonth, 2)
        let time =
            Self.digits(secondOfDay / 3600, 2) + Self.digits(secondOfDay / 60 % 60, 2)
            + Self.digits(secondOfDay % 60, 2)
        dateTime = day + "T" + time + "Z"
    }

    private static func digits(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
