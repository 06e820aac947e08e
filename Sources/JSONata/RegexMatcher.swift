import Foundation

/// One match of a regular expression, with UTF-16 offsets as JavaScript reports them.
struct RegexMatch {
    var match: String
    var start: Int
    var end: Int
    var groups: [String]

    func value(evaluator: Evaluator) -> JSONataValue {
        let object = ValueObject()
        object["match"] = .string(match)
        object["start"] = .number(Double(start))
        object["end"] = .number(Double(end))
        object["groups"] = .array(ValueArray(groups.map { .string($0) }))
        return .object(object)
    }
}

/// Runs a regular expression over a string the way the reference implementation's matcher closures do.
struct RegexMatcher {
    let regex: RegexLiteral

    func match(in text: String, from offset: Int) -> RegexMatch? {
        let string = text as NSString
        guard offset <= string.length else { return nil }
        let range = NSRange(location: offset, length: string.length - offset)
        guard let result = regex.regex.firstMatch(in: text, options: [.withTransparentBounds, .withoutAnchoringBounds],
                                                  range: range)
        else { return nil }
        var groups: [String] = []
        if result.numberOfRanges > 1 {
            for i in 1..<result.numberOfRanges {
                let r = result.range(at: i)
                groups.append(r.location == NSNotFound ? "" : string.substring(with: r))
            }
        }
        return RegexMatch(match: string.substring(with: result.range), start: result.range.location,
                          end: result.range.location + result.range.length, groups: groups)
    }

    /// Every match in order; an empty match after the first raises D1004.
    func allMatches(in text: String, limit: Int?) throws(JSONataError) -> [RegexMatch] {
        var results: [RegexMatch] = []
        let length = (text as NSString).length
        guard var current = match(in: text, from: 0) else { return [] }
        while limit.map({ results.count < $0 }) ?? true {
            results.append(current)
            guard current.end < length, let next = match(in: text, from: current.end) else { break }
            if next.match.isEmpty {
                throw JSONataError("D1004", value: .string(regex.source))
            }
            current = next
        }
        return results
    }
}
