import Foundation

/// `$now`, `$millis`, `$fromMillis` and `$toMillis`.
extension Evaluator {
    func dateTimeFunction(_ builtin: Builtin, _ args: [JSONataValue?]) throws(JSONataError) -> JSONataValue? {
        func arg(_ i: Int) -> JSONataValue? { i < args.count ? args[i] : nil }
        let nowMillis = (timestamp.timeIntervalSince1970 * 1000).rounded(.down)
        switch builtin {
        case .millis:
            return .number(nowMillis)
        case .now:
            return .string(try Evaluator.formatMillis(nowMillis, arg(0)?.stringValue, arg(1)?.stringValue))
        case .fromMillis:
            guard case .number(let millis)? = arg(0) else { return nil }
            return .string(try Evaluator.formatMillis(millis, arg(1)?.stringValue, arg(2)?.stringValue))
        default:
            guard case .string(let text)? = arg(0) else { return nil }
            if let picture = arg(1)?.stringValue {
                return try DateTimePicture(picture).parse(text, now: nowMillis).map { .number($0) }
            }
            guard let millis = Evaluator.parseISO8601(text) else {
                throw JSONataError("D3110", value: .string(text),
                                   message: "The timestamp \(text) cannot be parsed as an ISO 8601 date/time")
            }
            return .number(millis)
        }
    }

    static func formatMillis(_ millis: Double, _ picture: String?, _ timezone: String?) throws(JSONataError) -> String {
        try DateTimePicture(picture ?? DateTimePicture.iso8601).format(millis: millis, timezone: timezone)
    }

    /// `Date.parse` for the ISO 8601 forms JSONata accepts without a picture.
    static func parseISO8601(_ text: String) -> Double? {
        let pattern = #"^(\d{4})(?:-([01]\d))?(?:-([0-3]\d))?(?:T([0-2]\d):([0-5]\d)(?::([0-5]\d))?(?:\.(\d+))?)?(Z|[+-][0-2]\d:?[0-5]\d)?$"#
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return nil }
        let ns = text as NSString
        guard let m = regex.firstMatch(in: text, range: NSRange(location: 0, length: ns.length)) else { return nil }
        func group(_ i: Int) -> String? {
            let r = m.range(at: i)
            return r.location == NSNotFound ? nil : ns.substring(with: r)
        }
        let year = Int(group(1)!)!
        let month = Int(group(2) ?? "1")!
        let day = Int(group(3) ?? "1")!
        let hour = Int(group(4) ?? "0")!
        let minute = Int(group(5) ?? "0")!
        let second = Int(group(6) ?? "0")!
        var millis = 0
        if let fraction = group(7) {
            let digits = String((fraction + "000").prefix(3))
            millis = Int(digits)!
        }
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        var result = Double(CivilTime.days(year: year, month: month, day: day)) * CivilTime.dayMillis
            + Double(hour * 3_600_000 + minute * 60_000 + second * 1000 + millis)
        if let zone = group(8), zone != "Z" {
            let sign: Double = zone.hasPrefix("-") ? -1 : 1
            let digits = zone.dropFirst().filter(\.isNumber)
            let hours = Double(digits.prefix(2)) ?? 0
            let minutes = Double(digits.dropFirst(2)) ?? 0
            result -= sign * (hours * 60 + minutes) * 60_000
        }
        return result
    }
}
