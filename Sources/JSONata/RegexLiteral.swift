import Foundation

/// A regular expression literal, `/pattern/flags`.
struct RegexLiteral: @unchecked Sendable {
    // NSRegularExpression is immutable and thread-safe once built.
    var source: String
    var flags: String
    var regex: NSRegularExpression
}
