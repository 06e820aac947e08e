/// Parses the expression inside `[?(…)]` (see ``JSONPathFilter``).
struct JSONPathFilterParser {
    var parser: JSONPathParser
    private var depth = 0
    private static let maximumDepth = 64

    init(parser: JSONPathParser) {
        self.parser = parser
    }

    /// `or := and ('||' and)*`
    mutating func parseExpression() throws(PathSyntaxError) -> JSONPathFilter {
        depth += 1
        defer { depth -= 1 }
        guard depth <= JSONPathFilterParser.maximumDepth else { throw parser.error("filter nests too deeply") }
        var result = try parseConjunction()
        while consume("||") {
            result = .or(result, try parseConjunction())
        }
        return result
    }

    /// `and := unary ('&&' unary)*`
    private mutating func parseConjunction() throws(PathSyntaxError) -> JSONPathFilter {
        var result = try parseUnary()
        while consume("&&") {
            result = .and(result, try parseUnary())
        }
        return result
    }

    /// `unary := '!' unary | '(' or ')' | comparison`
    private mutating func parseUnary() throws(PathSyntaxError) -> JSONPathFilter {
        parser.skipSpaces()
        if parser.peek() == UInt8(ascii: "!") && parser.peek(at: parser.position + 1) != UInt8(ascii: "=") {
            parser.position += 1
            depth += 1
            defer { depth -= 1 }
            guard depth <= JSONPathFilterParser.maximumDepth else { throw parser.error("filter nests too deeply") }
            return .not(try parseUnary())
        }
        if parser.peek() == UInt8(ascii: "(") {
            parser.position += 1
            let inner = try parseExpression()
            parser.skipSpaces()
            guard parser.peek() == UInt8(ascii: ")") else {
                throw parser.error("expected ')' in the filter, found \(parser.describeCurrent())")
            }
            parser.position += 1
            return inner
        }
        let left = try parseOperand()
        parser.skipSpaces()
        guard let comparison = parseComparison() else {
            switch left {
            case .current, .root: return .exists(left)
            case .literal:
                throw parser.error("expected a comparison operator after a literal, found \(parser.describeCurrent())")
            }
        }
        let right = try parseOperand()
        return .compare(left, comparison, right)
    }

    private mutating func parseComparison() -> JSONPathFilter.Comparison? {
        for comparison in [JSONPathFilter.Comparison.equal, .notEqual, .lessOrEqual, .greaterOrEqual, .less, .greater]
        where consume(comparison.rawValue) {
            return comparison
        }
        return nil
    }

    private mutating func parseOperand() throws(PathSyntaxError) -> JSONPathFilter.Operand {
        parser.skipSpaces()
        guard let byte = parser.peek() else { throw parser.error("expected an operand, found end of path") }
        switch byte {
        case UInt8(ascii: "@"), UInt8(ascii: "$"):
            let start = parser.position
            parser.position += 1
            let segments = try parser.parseSegments(inFilter: true)
            let text = String(decoding: parser.bytes[start..<parser.position], as: UTF8.self)
            let path = JSONPath(text: text, segments: segments, isContextPath: false)
            return byte == UInt8(ascii: "@") ? .current(path) : .root(path)
        case UInt8(ascii: "'"), UInt8(ascii: "\""):
            return .literal(.string(try parser.parseQuoted()))
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .literal(.number(try parseNumber()))
        default:
            if consumeWord("true") { return .literal(true) }
            if consumeWord("false") { return .literal(false) }
            if consumeWord("null") { return .literal(nil) }
            if parser.peek() == UInt8(ascii: "=") && parser.peek(at: parser.position + 1) == UInt8(ascii: "~") {
                throw parser.error("regular expression filters (=~) are not supported")
            }
            throw parser.error("expected '@', '$', a string, a number, true, false or null, found \(parser.describeCurrent())")
        }
    }

    private mutating func parseNumber() throws(PathSyntaxError) -> JSONNumber {
        let start = parser.position
        if parser.peek() == UInt8(ascii: "-") { parser.position += 1 }
        var isInteger = true
        while let byte = parser.peek() {
            if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                parser.position += 1
            } else if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
                || ((byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")) && !isInteger)
            {
                isInteger = false
                parser.position += 1
            } else {
                break
            }
        }
        let text = String(decoding: parser.bytes[start..<parser.position], as: UTF8.self)
        if isInteger, let value = Int64(text) { return .integer(value) }
        guard let value = Double(text), value.isFinite else {
            parser.position = start
            throw parser.error("invalid number '\(text)'")
        }
        return .double(value)
    }

    private mutating func consume(_ token: String) -> Bool {
        parser.skipSpaces()
        let tokenBytes = Array(token.utf8)
        guard parser.position + tokenBytes.count <= parser.bytes.count,
            Array(parser.bytes[parser.position..<parser.position + tokenBytes.count]) == tokenBytes
        else { return false }
        parser.position += tokenBytes.count
        return true
    }

    private mutating func consumeWord(_ word: String) -> Bool {
        let start = parser.position
        guard consume(word) else { return false }
        if let next = parser.peek(), next.isLetterOrDigit {
            parser.position = start
            return false
        }
        return true
    }
}

extension UInt8 {
    fileprivate var isLetterOrDigit: Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(self) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(self)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) || self == UInt8(ascii: "_")
    }
}
