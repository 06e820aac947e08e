import JSONCore

/// Looking at and moving over the text's bytes, and errors with their line and column.
extension YAMLScanner {
    func byte(at offset: Int = 0) -> UInt8? {
        let position = index + offset
        return position < text.count ? text[position] : nil
    }

    func isBlank(_ c: UInt8) -> Bool { c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") }

    func isBreak(_ c: UInt8) -> Bool { c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r") }

    func isBlankOrBreakOrEnd(at offset: Int) -> Bool {
        guard let c = byte(at: offset) else { return true }
        return isBlank(c) || isBreak(c)
    }

    func isFlowIndicator(_ c: UInt8) -> Bool {
        c == UInt8(ascii: ",") || c == UInt8(ascii: "[") || c == UInt8(ascii: "]") || c == UInt8(ascii: "{")
            || c == UInt8(ascii: "}")
    }

    /// `---` or `...` (as `marker` repeated) at the current position, followed by white space or the end.
    func isDocumentMarker(_ marker: Character) -> Bool {
        let c = marker.asciiValue!
        return byte() == c && byte(at: 1) == c && byte(at: 2) == c && isBlankOrBreakOrEnd(at: 3)
    }

    func isDocumentMarker() -> Bool { isDocumentMarker("-") || isDocumentMarker(".") }

    /// Whether the `:` at the current position is a value indicator rather than part of a plain scalar.
    func isValueIndicator() -> Bool {
        guard let next = byte(at: 1), !isBlank(next), !isBreak(next) else { return true }
        return flowLevel > 0 && (isFlowIndicator(next) || lastTokenIsJSONLike)
    }

    /// Whether a plain scalar starts here (YAML 1.2 `ns-plain-first`).
    func startsPlainScalar() -> Bool {
        guard let c = byte() else { return false }
        switch c {
        case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"):
            guard let next = byte(at: 1), !isBlank(next), !isBreak(next) else { return false }
            return flowLevel == 0 || !isFlowIndicator(next)
        case UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"),
            UInt8(ascii: "#"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"),
            UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"),
            UInt8(ascii: "`"):
            return false
        default:
            return !isBlank(c) && !isBreak(c)
        }
    }

    /// Moves past one byte that is not a line break.
    mutating func advance() {
        if text[index] & 0xC0 != 0x80 { column += 1 }
        index += 1
    }

    /// Moves past one byte of content, refusing characters YAML does not allow in a text.
    mutating func advanceContent() throws(YAMLError) {
        let c = text[index]
        if (c < 0x20 && c != UInt8(ascii: "\t")) || c == 0x7F
            || (c == 0xC2 && index + 1 < text.count && (0x80...0x9F).contains(text[index + 1]) && text[index + 1] != 0x85)
        {
            throw error("control character \(describeCurrent()) is not allowed in YAML text")
        }
        if c == 0xEF, index + 2 < text.count, text[index + 1] == 0xBB, text[index + 2] == 0xBF {
            throw error("a byte order mark is allowed only at the start of the text")
        }
        advance()
    }

    /// Moves past a line break (`\n`, `\r\n` or `\r`).
    mutating func skipBreak() {
        if text[index] == UInt8(ascii: "\r"), byte(at: 1) == UInt8(ascii: "\n") { index += 1 }
        index += 1
        line += 1
        column = 0
        lineStart = index
    }

    func describeCurrent() -> String {
        guard let c = byte() else { return "the end of the text" }
        if c == UInt8(ascii: "\t") { return "a tab" }
        if c >= 0x20 && c < 0x7F { return "'\(Character(Unicode.Scalar(c)))'" }
        if c < 0x80 { return "byte 0x" + String(c, radix: 16) }
        var end = index + 1
        while end < text.count, text[end] & 0xC0 == 0x80 { end += 1 }
        return "'\(String(decoding: text[index..<end], as: UTF8.self))'"
    }

    // MARK: - Errors

    func error(_ message: String, at offset: Int? = nil) -> YAMLError { error(.syntax, message, at: offset) }

    func error(_ kind: YAMLError.Kind, _ message: String, at offset: Int? = nil) -> YAMLError {
        let position = min(offset ?? index, text.count)
        let location = TextLocation(offset: position, in: text)
        return YAMLError(kind, message: message, offset: position, line: location.line, column: location.column)
    }
}
