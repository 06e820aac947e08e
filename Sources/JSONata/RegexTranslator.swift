import Foundation

/// Compiles JavaScript-style regular expression literals with `NSRegularExpression`.
enum RegexTranslator {
    static func compile(_ pattern: String, flags: String, position: Int) throws(JSONataError) -> NSRegularExpression {
        var options: NSRegularExpression.Options = []
        if flags.contains("i") { options.insert(.caseInsensitive) }
        if flags.contains("m") { options.insert(.anchorsMatchLines) }
        do {
            return try NSRegularExpression(pattern: translate(pattern), options: options)
        } catch {
            throw JSONataError("S0302", position: position, message: "Invalid regular expression /\(pattern)/")
        }
    }

    /// Adjusts the few constructs JavaScript accepts and ICU reads differently.
    private static func translate(_ pattern: String) -> String {
        var out = ""
        var inClass = false
        var escaped = false
        let chars = Array(pattern)
        for (i, c) in chars.enumerated() {
            if escaped {
                out.append(c)
                escaped = false
                continue
            }
            switch c {
            case "\\":
                escaped = true
                out.append(c)
            case "[":
                if inClass {
                    out += "\\["
                } else {
                    inClass = true
                    out.append(c)
                }
            case "]":
                inClass = false
                out.append(c)
            case "{":
                // a brace that does not start a quantifier is a literal in JavaScript
                var j = i + 1
                var sawDigit = false
                while j < chars.count, chars[j].isNumber || chars[j] == "," {
                    if chars[j].isNumber { sawDigit = true }
                    j += 1
                }
                if !inClass, !(sawDigit && j < chars.count && chars[j] == "}") {
                    out += "\\{"
                } else {
                    out.append(c)
                }
            case "}":
                out.append(c)
            default:
                out.append(c)
            }
        }
        return out
    }
}
