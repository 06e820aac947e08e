import Foundation

/// Splits a JSONata expression into tokens on demand.
///
/// The parser asks for each token saying whether an operand or an operator is
/// expected, because `/` starts a regular expression only where an operand may
/// appear.
struct Lexer {
    let chars: [Unicode.Scalar]
    var position = 0

    init(_ source: String) { chars = Array(source.unicodeScalars) }

    static let operators: [String: Int] = [
        ".": 75, "[": 80, "]": 0, "{": 70, "}": 0, "(": 80, ")": 0, ",": 0, "@": 80, "#": 80, ";": 80,
        ":": 80, "?": 20, "+": 50, "-": 50, "*": 60, "/": 60, "%": 60, "|": 20, "=": 40, "<": 40, ">": 40,
        "^": 40, "**": 60, "..": 20, ":=": 10, "!=": 40, "<=": 40, ">=": 40, "~>": 40, "?:": 40, "??": 40,
        "and": 30, "or": 25, "in": 40, "&": 50, "!": 0, "~": 0,
    ]

    static let escapes: [Unicode.Scalar: String] = [
        "\"": "\"", "\\": "\\", "/": "/", "b": "\u{08}", "f": "\u{0C}", "n": "\n", "r": "\r", "t": "\t",
    ]

    private func char(_ offset: Int = 0) -> Unicode.Scalar? {
        let i = position + offset
        return i < chars.count ? chars[i] : nil
    }

    static func isNameTerminator(_ c: Unicode.Scalar) -> Bool {
        if c.properties.isWhitespace { return true }
        switch c {
        case ".", "[", "]", "{", "}", "(", ")", ",", "@", "#", ";", ":", "?", "+", "-", "*", "/", "%", "|",
            "=", "<", ">", "^", "&", "!", "~", "\"", "'", "`":
            return true
        default: return false
        }
    }

    private func makeOp(_ text: String) -> Token { Token(kind: .op, text: text, position: position) }

    /// Reads the next token; `infix` is true when an operator is expected.
    mutating func next(infix: Bool) throws(JSONataError) -> Token {
        // whitespace and comments
        while let c = char() {
            if c.properties.isWhitespace {
                position += 1
            } else if c == "/", char(1) == "*" {
                let start = position
                position += 2
                while true {
                    guard let d = char() else { throw JSONataError("S0106", position: start) }
                    if d == "*", char(1) == "/" { position += 2; break }
                    position += 1
                }
            } else {
                break
            }
        }
        guard let c = char() else { return Token(kind: .end, text: "(end)", position: position) }
        if !infix, c == "/" {
            position += 1
            return try scanRegex()
        }
        // two-character operators
        if let d = char(1) {
            let pair = String(c) + String(d)
            switch pair {
            case "..", ":=", "!=", ">=", "<=", "**", "~>", "?:", "??":
                position += 2
                return makeOp(pair)
            default: break
            }
        }
        switch c {
        case ".", "[", "]", "{", "}", "(", ")", ",", "@", "#", ";", ":", "?", "+", "-", "*", "/", "%", "|",
            "=", "<", ">", "^", "&":
            position += 1
            return makeOp(String(c))
        case "\"", "'":
            return try scanString(quote: c)
        case "`":
            let start = position
            position += 1
            var name = ""
            while let d = char(), d != "`" { name.unicodeScalars.append(d); position += 1 }
            guard char() == "`" else { throw JSONataError("S0105", position: start) }
            position += 1
            return Token(kind: .name, text: name, position: position)
        default: break
        }
        if c.properties.numericType != nil, ("0"..."9").contains(c) {
            return try scanNumber()
        }
        // names and variables
        let isVariable = c == "$"
        if isVariable { position += 1 }
        var name = ""
        while let d = char(), !Lexer.isNameTerminator(d) {
            if isVariable, d == "$", !name.isEmpty { break }
            name.unicodeScalars.append(d)
            position += 1
            if isVariable, name == "$" { break }
        }
        if isVariable { return Token(kind: .variable, text: name, position: position) }
        switch name {
        case "and", "or", "in": return Token(kind: .op, text: name, position: position)
        case "true": return Token(kind: .value, text: name, literal: .bool(true), position: position)
        case "false": return Token(kind: .value, text: name, literal: .bool(false), position: position)
        case "null": return Token(kind: .value, text: name, literal: .null, position: position)
        default: break
        }
        if name.isEmpty {
            throw JSONataError("S0204", token: String(c), position: position)
        }
        return Token(kind: .name, text: name, position: position)
    }

    private mutating func scanNumber() throws(JSONataError) -> Token {
        let start = position
        func digits() { while let d = char(), ("0"..."9").contains(d) { position += 1 } }
        if char() == "0" { position += 1 } else { digits() }
        if char() == ".", let d = char(1), ("0"..."9").contains(d) {
            position += 1
            digits()
        }
        if let e = char(), e == "e" || e == "E" {
            var look = 1
            if let s = char(1), s == "+" || s == "-" { look = 2 }
            if let d = char(look), ("0"..."9").contains(d) {
                position += look
                digits()
            }
        }
        var text = ""
        text.unicodeScalars.append(contentsOf: chars[start..<position])
        guard let value = Double(text), value.isFinite else {
            throw JSONataError("S0102", token: text, position: start)
        }
        return Token(kind: .number, text: text, number: value, position: position)
    }

    private mutating func scanString(quote: Unicode.Scalar) throws(JSONataError) -> Token {
        let start = position
        position += 1
        var utf16: [UInt16] = []
        while let c = char() {
            position += 1
            if c == quote {
                return Token(kind: .string, text: String(decoding: utf16, as: UTF16.self), position: position)
            }
            if c == "\\" {
                guard let e = char() else { break }
                position += 1
                if let mapped = Lexer.escapes[e] {
                    utf16.append(contentsOf: mapped.utf16)
                } else if e == "u" {
                    var hex = ""
                    for i in 0..<4 { if let h = char(i) { hex.unicodeScalars.append(h) } }
                    guard hex.count == 4, let code = UInt16(hex, radix: 16) else {
                        throw JSONataError("S0104", position: position)
                    }
                    position += 4
                    utf16.append(code)
                } else {
                    throw JSONataError("S0103", token: String(e), position: position)
                }
            } else {
                utf16.append(contentsOf: String(c).utf16)
            }
        }
        throw JSONataError("S0101", position: start)
    }

    private mutating func scanRegex() throws(JSONataError) -> Token {
        let start = position
        var depth = 0
        func isClosingSlash(_ i: Int) -> Bool {
            guard chars[i] == "/", depth == 0 else { return false }
            var backslashes = 0
            while i - backslashes - 1 >= 0, chars[i - backslashes - 1] == "\\" { backslashes += 1 }
            return backslashes % 2 == 0
        }
        while position < chars.count {
            let c = chars[position]
            if isClosingSlash(position) {
                var pattern = ""
                pattern.unicodeScalars.append(contentsOf: chars[start..<position])
                if pattern.isEmpty { throw JSONataError("S0301", position: position) }
                position += 1
                var flags = ""
                while let f = char(), f == "i" || f == "m" { flags.unicodeScalars.append(f); position += 1 }
                let regex = try RegexLiteral(source: pattern, flags: flags, position: position)
                return Token(kind: .regex, text: pattern, regex: regex, position: position)
            }
            let escaped = position > 0 && chars[position - 1] == "\\"
            if (c == "(" || c == "[" || c == "{") && !escaped { depth += 1 }
            if (c == ")" || c == "]" || c == "}") && !escaped { depth -= 1 }
            position += 1
        }
        throw JSONataError("S0302", position: position)
    }

    /// Reads a raw function signature `<...>` starting at the current `<`.
    mutating func scanSignature() throws(JSONataError) -> String {
        var depth = 0
        var text = ""
        while let c = char() {
            text.unicodeScalars.append(c)
            position += 1
            if c == "<" { depth += 1 }
            if c == ">" {
                depth -= 1
                if depth == 0 { return text }
            }
        }
        throw JSONataError("S0203", token: ">", position: position)
    }
}
