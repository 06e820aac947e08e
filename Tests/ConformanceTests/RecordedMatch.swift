import Foundation
import StatesLanguage

/// How a recorded value is compared with what the engine produced, exactly as
/// `aws-recorded/run.py` compares them (its `same` and `fuzzy_str`).
///
/// JSON equality where booleans are not numbers and `1 == 1.0`. In a case marked `fuzzy`,
/// strings may hold the recording's redactions: a whole string that is a redaction token
/// (`<ExecArnPart_0idx>`, or one listed in `redactions`) matches any value; inside a string a
/// token matches any text, `111111111111` any 12 digits, `date` any RFC 3339 timestamp and
/// `snf_role_arn` any IAM role ARN.
struct RecordedMatch {
    let fuzzy: Bool
    let redactions: [String]

    /// Whether `actual` matches `expected` (both present; `.null` is JSON null).
    func same(_ expected: JSONValue, _ actual: JSONValue) -> Bool {
        if fuzzy, case .string(let text) = expected, redactions.contains(text) || RecordedMatch.isPlaceholder(text) {
            return true
        }
        switch (expected, actual) {
        case (.bool(let a), .bool(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b || (fuzzy && fuzzyString(a, b))
        case (.object(let a), .object(let b)):
            guard Set(a.keys) == Set(b.keys) else { return false }
            return a.allSatisfy { key, value in same(value, b[key]!) }
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { same($0, $1) }
        case (.null, .null): return true
        default: return false
        }
    }

    /// `<name:1>`-style placeholders: `<` then letters, digits, `_-:.` then `>`.
    static func isPlaceholder(_ text: String) -> Bool {
        placeholderLength(text.unicodeScalars[...]) == text.unicodeScalars.count
    }

    private static func placeholderLength(_ scalars: Substring.UnicodeScalarView) -> Int? {
        guard scalars.first == "<" else { return nil }
        var count = 1
        for scalar in scalars.dropFirst() {
            count += 1
            if scalar == ">" { return count > 2 ? count : nil }
            guard scalar.properties.isASCIIHexDigit || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
                || "_-:.".unicodeScalars.contains(scalar)
            else { return nil }
        }
        return nil
    }

    /// The recorded string as a pattern: literal text with the redaction tokens as wildcards.
    func fuzzyString(_ expected: String, _ actual: String) -> Bool {
        let tokens: [(String, String)] =
            redactions.sorted { $0.count > $1.count }.map { ($0, "(?:.*?)") } + [
                ("111111111111", #"\d{12}"#),
                ("date", #"(?:date|\d{4}-\d\d-\d\dT[0-9:.]+(?:Z|[+-]\d\d:?\d\d)?)"#),
                ("snf_role_arn", #"(?:snf_role_arn|arn:aws:iam::\d+:role/\S+?)"#),
            ]
        var pattern = ""
        var literal = ""
        var rest = Substring(expected)
        scan: while !rest.isEmpty {
            for (token, replacement) in tokens where !token.isEmpty && rest.hasPrefix(token) {
                pattern += NSRegularExpression.escapedPattern(for: literal) + replacement
                literal = ""
                rest = rest.dropFirst(token.count)
                continue scan
            }
            if let length = RecordedMatch.placeholderLength(rest.unicodeScalars) {
                pattern += NSRegularExpression.escapedPattern(for: literal) + "(?:.*?)"
                literal = ""
                rest = Substring(rest.unicodeScalars.dropFirst(length))
                continue
            }
            literal.append(rest.removeFirst())
        }
        pattern += NSRegularExpression.escapedPattern(for: literal)
        guard let regex = try? NSRegularExpression(pattern: #"\A(?:"# + pattern + #")\z"#, options: .dotMatchesLineSeparators)
        else { return false }
        let range = NSRange(actual.startIndex..., in: actual)
        return regex.firstMatch(in: actual, options: [], range: range) != nil
    }
}
