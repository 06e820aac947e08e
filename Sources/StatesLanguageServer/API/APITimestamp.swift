import StatesLanguage
import Foundation

/// Timestamps in the JSON 1.0 protocol: seconds since 1970 as a number, to the millisecond, as
/// AWS sends them and every SDK reads them.
enum APITimestamp {
    /// The JSON number for `date`.
    static func value(_ date: Date) -> JSONValue {
        .double((date.timeIntervalSince1970 * 1000).rounded() / 1000)
    }
}
