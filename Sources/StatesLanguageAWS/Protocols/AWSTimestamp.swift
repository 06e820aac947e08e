import Foundation
import StatesLanguage

/// Timestamp texts of the AWS protocols.
enum AWSTimestamp {
    /// How results show timestamps: AWS SDK integrations as ISO 8601 text (the Java SDK v2's
    /// `Instant`), the optimized integrations as epoch milliseconds (the Java SDK v1's `Date`).
    enum Rendering: Sendable {
        case iso8601, epochMilliseconds
    }

    /// `date` as a result value.
    static func render(_ date: Date, _ rendering: Rendering) -> JSONValue {
        switch rendering {
        case .iso8601: return .string(iso8601(date))
        case .epochMilliseconds: return .number(.integer(Int64((date.timeIntervalSince1970 * 1000).rounded())))
        }
    }

    /// Reads a timestamp given as epoch seconds or an ISO 8601 / RFC 1123 text.
    static func date(from value: JSONValue) -> Date? {
        switch value {
        case .number(let number): return Date(timeIntervalSince1970: number.doubleValue)
        case .string(let text): return date(fromText: text)
        default: return nil
        }
    }

    static func date(fromText text: String) -> Date? {
        if let seconds = Double(text) { return Date(timeIntervalSince1970: seconds) }
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = iso.date(from: text) { return date }
        iso.formatOptions = [.withInternetDateTime]
        if let date = iso.date(from: text) { return date }
        let http = DateFormatter()
        http.locale = Locale(identifier: "en_US_POSIX")
        http.timeZone = TimeZone(identifier: "GMT")
        http.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return http.date(from: text)
    }

    /// `2024-05-01T12:00:00Z`, with milliseconds when the instant has them.
    static func iso8601(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        let hasFraction = date.timeIntervalSince1970.truncatingRemainder(dividingBy: 1) != 0
        formatter.formatOptions =
            hasFraction ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// `Wed, 01 May 2024 12:00:00 GMT`, for headers.
    static func rfc1123(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }

    /// Epoch seconds as a JSON number, for the json protocols.
    static func epochSeconds(_ date: Date) -> JSONValue {
        .number(JSONNumber(normalizing: date.timeIntervalSince1970))
    }
}
