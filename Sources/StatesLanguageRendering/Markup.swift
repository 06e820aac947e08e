/// Escaping for XML, SVG and HTML text and attribute values.
enum Markup {
    /// `text` with `&`, `<`, `>`, `"` and `'` escaped, and characters XML 1.0 forbids
    /// (most control characters, lone surrogates' replacements, U+FFFE, U+FFFF) replaced by U+FFFD.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default:
                let value = scalar.value
                if value < 0x20 || (0x7F...0x9F).contains(value) || value == 0xFFFE || value == 0xFFFF {
                    result += "\u{FFFD}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }
}

extension Markup {
    /// `text` in double quotes, each character in `escapes` replaced, line breaks as spaces:
    /// the quoting of DOT and Mermaid labels.
    static func quoted(_ text: String, escaping escapes: [Character: String]) -> String {
        var result = "\""
        for character in text {
            if let replacement = escapes[character] {
                result += replacement
            } else if character.isNewline {
                result += " "
            } else {
                result.append(character)
            }
        }
        return result + "\""
    }
}
