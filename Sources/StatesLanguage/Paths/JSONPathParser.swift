/// Parses JSONPath text into segments (see ``JSONPath`` for the accepted syntax).
///
/// Works on UTF-8 bytes; offsets in errors are byte offsets. Names in dot
/// notation run until `.`, `[` or the end, as in Jayway; a space or `(` in a
/// dot name is an error (`length()` and other functions are not supported by
/// Step Functions). Inside a filter, names also stop at operators and `)`.
struct JSONPathParser {
    let text: String
    let bytes: [UInt8]
    var position = 0
    /// How many filters enclose the text being parsed (`[?(@.a[?(…)])]`); capped so
    /// a hostile path cannot exhaust the stack.
    var filterNesting = 0
    static let maximumFilterNesting = 16

    init(text: String) {
        self.text = text
        self.bytes = Array(text.utf8)
    }

    // MARK: - Paths

    /// Parses a whole path; `offsets` holds the byte offset where each segment starts, `variable` the
    /// workflow variable a `$name…` path starts from.
    mutating func parsePath() throws(PathSyntaxError) -> (
        segments: [JSONPath.Segment], isContextPath: Bool, offsets: [Int], variable: String?
    ) {
        guard peek() == UInt8(ascii: "$") else {
            throw error(bytes.isEmpty ? "a path must not be empty" : "a path must start with '$'")
        }
        position += 1
        var isContextPath = false
        var variable: String?
        if peek() == UInt8(ascii: "$") {
            isContextPath = true
            position += 1
        } else if let byte = peek(), byte.isVariableStart {
            // `$name.field`: a workflow variable as the root (AWS variables, JSONPath mode).
            let start = position
            while let next = peek(), next.isVariableStart || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(next) {
                position += 1
            }
            variable = String(decoding: bytes[start..<position], as: UTF8.self)
        }
        var offsets: [Int] = []
        let segments = try parseSegments(inFilter: false, offsets: &offsets)
        if position < bytes.count {
            throw error("unexpected \(describeCurrent())")
        }
        return (segments, isContextPath, offsets, variable)
    }

    /// Parses segments until the text ends or, in a filter, until a byte that cannot start a segment.
    mutating func parseSegments(inFilter: Bool) throws(PathSyntaxError) -> [JSONPath.Segment] {
        var offsets: [Int] = []
        return try parseSegments(inFilter: inFilter, offsets: &offsets)
    }

    private mutating func parseSegments(inFilter: Bool, offsets: inout [Int]) throws(PathSyntaxError) -> [JSONPath.Segment] {
        var segments: [JSONPath.Segment] = []
        while let byte = peek() {
            let start = position
            defer { while offsets.count < segments.count { offsets.append(start) } }
            switch byte {
            case UInt8(ascii: "."):
                if peek(at: position + 1) == UInt8(ascii: ".") {
                    position += 2
                    segments.append(.descendants)
                    segments.append(try parseAfterDescendants(inFilter: inFilter))
                } else {
                    position += 1
                    guard let next = peek() else { throw error("expected a name, '*' or '[' after '.'") }
                    if next == UInt8(ascii: "[") {
                        segments.append(try parseBracket())
                    } else if next == UInt8(ascii: "*") {
                        position += 1
                        segments.append(.wildcard)
                    } else {
                        segments.append(.name(try parseDotName(inFilter: inFilter)))
                    }
                }
            case UInt8(ascii: "["):
                segments.append(try parseBracket())
            default:
                if inFilter { return segments }
                throw error("expected '.' or '[', found \(describeCurrent())")
            }
        }
        return segments
    }

    private mutating func parseAfterDescendants(inFilter: Bool) throws(PathSyntaxError) -> JSONPath.Segment {
        guard let next = peek() else { throw error("expected a name, '*' or '[' after '..'") }
        switch next {
        case UInt8(ascii: "["): return try parseBracket()
        case UInt8(ascii: "*"):
            position += 1
            return .wildcard
        case UInt8(ascii: "."): throw error("'...' is not valid")
        default: return .name(try parseDotName(inFilter: inFilter))
        }
    }

    private mutating func parseDotName(inFilter: Bool) throws(PathSyntaxError) -> String {
        let start = position
        while let byte = peek() {
            if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "[") { break }
            if byte == UInt8(ascii: "(") {
                throw error("functions such as length() are not supported; use bracket notation ['…'] for a key containing '('")
            }
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") {
                if inFilter { break }
                throw error("use bracket notation ['…'] for a key containing blank characters")
            }
            if inFilter && JSONPathParser.filterStops.contains(byte) { break }
            if byte == UInt8(ascii: "]") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
                throw error("unexpected \(describeCurrent()) in a name")
            }
            position += 1
        }
        guard position > start else { throw error("expected a name") }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    private static let filterStops: Set<UInt8> = Set("=!<>&|),".utf8)

    // MARK: - Brackets

    private mutating func parseBracket() throws(PathSyntaxError) -> JSONPath.Segment {
        position += 1  // [
        skipSpaces()
        guard let byte = peek() else { throw error("unterminated '['") }
        let segment: JSONPath.Segment
        switch byte {
        case UInt8(ascii: "*"):
            position += 1
            segment = .wildcard
        case UInt8(ascii: "'"), UInt8(ascii: "\""):
            var names = [try parseQuotedKey()]
            skipSpaces()
            while peek() == UInt8(ascii: ",") {
                position += 1
                skipSpaces()
                guard peek() == UInt8(ascii: "'") || peek() == UInt8(ascii: "\"") else {
                    throw error("expected a quoted key after ','")
                }
                names.append(try parseQuotedKey())
                skipSpaces()
            }
            segment = names.count == 1 ? .name(names[0]) : .names(names)
        case UInt8(ascii: "?"):
            position += 1
            guard peek() == UInt8(ascii: "(") else { throw error("expected '(' after '?'") }
            position += 1
            guard filterNesting < JSONPathParser.maximumFilterNesting else {
                throw error("filters can be nested at most \(JSONPathParser.maximumFilterNesting) levels deep")
            }
            var nested = self
            nested.filterNesting += 1
            var filterParser = JSONPathFilterParser(parser: nested)
            let filter = try filterParser.parseExpression()
            self.position = filterParser.parser.position
            skipSpaces()
            guard peek() == UInt8(ascii: ")") else { throw error("expected ')' to close the filter, found \(describeCurrent())") }
            position += 1
            segment = .filter(filter)
        case UInt8(ascii: "-"), UInt8(ascii: ":"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            segment = try parseIndexes()
        default:
            throw error("expected an index, a quoted key, '*', ':' or '?(' after '[', found \(describeCurrent())")
        }
        skipSpaces()
        guard peek() == UInt8(ascii: "]") else { throw error("expected ']', found \(describeCurrent())") }
        position += 1
        return segment
    }

    private mutating func parseIndexes() throws(PathSyntaxError) -> JSONPath.Segment {
        let first = peek() == UInt8(ascii: ":") ? nil : try parseInteger()
        skipSpaces()
        if peek() == UInt8(ascii: ":") {
            position += 1
            skipSpaces()
            var end: Int? = nil
            if let byte = peek(), byte == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                end = try parseInteger()
                skipSpaces()
            }
            if peek() == UInt8(ascii: ":") { throw error("slice steps are not supported") }
            if first == nil && end == nil { return .slice(start: nil, end: nil) }
            return .slice(start: first, end: end)
        }
        guard let first else { throw error("expected an index") }
        var indexes = [first]
        while peek() == UInt8(ascii: ",") {
            position += 1
            skipSpaces()
            indexes.append(try parseInteger())
            skipSpaces()
        }
        return indexes.count == 1 ? .index(first) : .indexes(indexes)
    }

    mutating func parseInteger() throws(PathSyntaxError) -> Int {
        let start = position
        if peek() == UInt8(ascii: "-") { position += 1 }
        let digitsStart = position
        while let byte = peek(), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { position += 1 }
        guard position > digitsStart else {
            position = start
            throw error("expected an integer, found \(describeCurrent())")
        }
        guard let value = Int(String(decoding: bytes[start..<position], as: UTF8.self)) else {
            position = start
            throw error("index is out of range")
        }
        return value
    }

    /// A single- or double-quoted key in brackets, taken verbatim: a backslash keeps the next
    /// character from ending the key but stays in it, as on AWS, whose JSONPath library does not
    /// unescape bracket keys (`$['Test\""Name"']` selects the key `Test\""Name"`; recording
    /// `test_escape_sequence_parsing[ESCAPE_SEQUENCES_JSONPATH]`).
    mutating func parseQuotedKey() throws(PathSyntaxError) -> String {
        let quote = bytes[position]
        let start = position
        position += 1
        while let byte = peek() {
            if byte == quote {
                position += 1
                return String(decoding: bytes[(start + 1)..<(position - 1)], as: UTF8.self)
            }
            position += byte == UInt8(ascii: "\\") ? 2 : 1
        }
        position = start
        throw error("unterminated quoted key")
    }

    /// A single- or double-quoted string with Java-style escapes (`\'`, `\"`, `\\`, `\n`, `\uXXXX`…).
    mutating func parseQuoted() throws(PathSyntaxError) -> String {
        let quote = bytes[position]
        let start = position
        position += 1
        var output: [UInt8] = []
        while let byte = peek() {
            if byte == quote {
                position += 1
                return String(decoding: output, as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") {
                position += 1
                guard let escaped = peek() else { break }
                position += 1
                switch escaped {
                case UInt8(ascii: "n"): output.append(0x0A)
                case UInt8(ascii: "t"): output.append(0x09)
                case UInt8(ascii: "r"): output.append(0x0D)
                case UInt8(ascii: "b"): output.append(0x08)
                case UInt8(ascii: "f"): output.append(0x0C)
                case UInt8(ascii: "u"):
                    guard var code = hexQuad(at: position) else {
                        throw error("expected four hexadecimal digits after '\\u'")
                    }
                    position += 4
                    // A UTF-16 surrogate pair written as two escapes (`\ud83d\ude00`), as Java reads it.
                    if (0xD800..<0xDC00).contains(code), peek() == UInt8(ascii: "\\"),
                        peek(at: position + 1) == UInt8(ascii: "u"), let low = hexQuad(at: position + 2),
                        (0xDC00..<0xE000).contains(low)
                    {
                        code = 0x10000 + (code - 0xD800) << 10 + (low - 0xDC00)
                        position += 6
                    }
                    guard let scalar = Unicode.Scalar(code) else {
                        throw error("'\\u' escape does not denote a Unicode scalar")
                    }
                    output.append(contentsOf: Array(String(Character(scalar)).utf8))
                default: output.append(escaped)
                }
                continue
            }
            output.append(byte)
            position += 1
        }
        position = start
        throw error("unterminated quoted key")
    }

    // MARK: - Helpers

    private func hexQuad(at index: Int) -> UInt32? {
        guard index + 4 <= bytes.count,
            bytes[index..<index + 4].allSatisfy({ Character(Unicode.Scalar($0)).isHexDigit })
        else { return nil }
        return UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
    }

    func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }
    func peek(at index: Int) -> UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func skipSpaces() {
        while let byte = peek(), byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { position += 1 }
    }

    func describeCurrent() -> String {
        guard position < bytes.count else { return "end of path" }
        let scalar = String(decoding: bytes[position...].prefix(4), as: UTF8.self).unicodeScalars.first
        return "'\(scalar.map { String(Character($0)) } ?? "?")'"
    }

    func error(_ message: String) -> PathSyntaxError {
        PathSyntaxError(message: message, path: text, offset: position)
    }
}

extension UInt8 {
    /// A byte that can start a workflow variable name: an ASCII letter, `_`, or part of a non-ASCII letter.
    fileprivate var isVariableStart: Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(self) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(self)
            || self == UInt8(ascii: "_") || self >= 0x80
    }
}
