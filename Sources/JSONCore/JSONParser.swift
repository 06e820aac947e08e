/// Parses JSON text (RFC 8259) into a ``JSONValue``.
///
/// The parser is strict: no comments, no trailing commas, no leading zeros,
/// no unescaped control characters, valid UTF-8 only. Integers that fit in
/// 64 bits stay exact. Nesting deeper than ``maximumDepth`` is rejected
/// instead of exhausting the stack.
struct JSONParser {
    static let maximumDepth = 512

    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0
    private var depth = 0
    private var sourceMap: JSONSourceMap?
    private var pointer: String = ""

    init(bytes: UnsafeBufferPointer<UInt8>, recordingSourceMap: Bool, text: [UInt8]) {
        self.bytes = bytes
        self.sourceMap = recordingSourceMap ? JSONSourceMap(text: text) : nil
    }

    static func parse(_ text: [UInt8], recordingSourceMap: Bool) throws(JSONSyntaxError) -> (JSONValue, JSONSourceMap?) {
        let result: Result<(JSONValue, JSONSourceMap?), JSONSyntaxError> = text.withUnsafeBufferPointer { buffer in
            var parser = JSONParser(bytes: buffer, recordingSourceMap: recordingSourceMap, text: recordingSourceMap ? text : [])
            do throws(JSONSyntaxError) {
                parser.skipWhitespace()
                let value = try parser.parseValue()
                parser.skipWhitespace()
                if parser.position < buffer.count {
                    throw parser.error("unexpected \(parser.describeCurrent()) after the JSON value")
                }
                return .success((value, parser.sourceMap))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    // MARK: - Values

    private mutating func parseValue() throws(JSONSyntaxError) -> JSONValue {
        guard position < bytes.count else { throw error("unexpected end of input, expected a value") }
        if sourceMap != nil { sourceMap!.valueOffsets[pointer] = position }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw error("expected a value, found \(describeCurrent())")
        }
    }

    private mutating func parseObject() throws(JSONSyntaxError) -> JSONValue {
        try enterNesting()
        position += 1
        var object = JSONObject()
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            position += 1
            depth -= 1
            return .object(object)
        }
        let parentPointer = pointer
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\"") else {
                throw error("expected a string key, found \(describeCurrent())")
            }
            let keyOffset = position
            let key = try parseString()
            skipWhitespace()
            guard peek() == UInt8(ascii: ":") else { throw error("expected ':' after object key, found \(describeCurrent())") }
            position += 1
            skipWhitespace()
            if sourceMap != nil {
                pointer = parentPointer + "/" + JSONSourceMap.escape(key)
                sourceMap!.keyOffsets[pointer] = keyOffset
            }
            let value = try parseValue()
            // A repeated key replaces the earlier value, as most JSON readers do; with a source map
            // the repetition is recorded so definition validation can report it.
            if sourceMap != nil, object[key] != nil { sourceMap!.duplicateKeys.append(pointer) }
            object.updateValue(value, forKey: key)
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","):
                position += 1
            case UInt8(ascii: "}"):
                position += 1
                depth -= 1
                pointer = parentPointer
                return .object(object)
            default:
                throw error("expected ',' or '}' in object, found \(describeCurrent())")
            }
        }
    }

    private mutating func parseArray() throws(JSONSyntaxError) -> JSONValue {
        try enterNesting()
        position += 1
        var array: [JSONValue] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "]") {
            position += 1
            depth -= 1
            return .array(array)
        }
        let parentPointer = pointer
        while true {
            skipWhitespace()
            if sourceMap != nil { pointer = parentPointer + "/" + String(array.count) }
            array.append(try parseValue())
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","):
                position += 1
            case UInt8(ascii: "]"):
                position += 1
                depth -= 1
                pointer = parentPointer
                return .array(array)
            default:
                throw error("expected ',' or ']' in array, found \(describeCurrent())")
            }
        }
    }

    private mutating func enterNesting() throws(JSONSyntaxError) {
        depth += 1
        if depth > JSONParser.maximumDepth {
            throw error("nesting is deeper than \(JSONParser.maximumDepth) levels")
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONSyntaxError) {
        let count = literal.utf8CodeUnitCount
        let start = literal.utf8Start
        guard position + count <= bytes.count else { throw error("expected a value, found \(describeCurrent())") }
        for i in 0..<count where bytes[position + i] != start[i] {
            throw error("expected a value, found \(describeCurrent())")
        }
        position += count
    }

    // MARK: - Numbers

    private mutating func parseNumber() throws(JSONSyntaxError) -> JSONNumber {
        let start = position
        var isInteger = true
        if peek() == UInt8(ascii: "-") { position += 1 }
        guard let first = peek(), isDigit(first) else { throw error("expected a digit in number") }
        if first == UInt8(ascii: "0") {
            position += 1
            if let next = peek(), isDigit(next) { throw error("numbers must not have leading zeros") }
        } else {
            while let c = peek(), isDigit(c) { position += 1 }
        }
        if peek() == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            guard let c = peek(), isDigit(c) else { throw error("expected a digit after the decimal point") }
            while let c = peek(), isDigit(c) { position += 1 }
        }
        if let e = peek(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            isInteger = false
            position += 1
            if let sign = peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { position += 1 }
            guard let c = peek(), isDigit(c) else { throw error("expected a digit in the exponent") }
            while let c = peek(), isDigit(c) { position += 1 }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        if isInteger, let value = Int64(text) { return .integer(value) }
        guard let value = Double(text) else { throw error("invalid number '\(text)'", at: start) }
        // JSON has no infinity: a literal too large for a double would print as invalid JSON later.
        guard value.isFinite else { throw error("number '\(text)' is out of range", at: start) }
        // A longer integer keeps its digits, as on AWS.
        return isInteger ? .bigInteger(text) : .double(value)
    }

    @inline(__always) private func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    // MARK: - Strings

    private mutating func parseString() throws(JSONSyntaxError) -> String {
        position += 1  // opening quote
        let start = position
        // Fast path: no escapes. ASCII needs no validation (String(validating:) is not specialised and
        // costs more than the scan).
        var isASCII = true
        while position < bytes.count {
            let c = bytes[position]
            if c == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<position])
                position += 1
                if isASCII { return String(decoding: slice, as: UTF8.self) }
                guard let string = String(validating: slice, as: UTF8.self) else {
                    throw error("invalid UTF-8 in string", at: start)
                }
                return string
            }
            if c == UInt8(ascii: "\\") { break }
            if c < 0x20 { throw error("unescaped control character in string") }
            isASCII = isASCII && c < 0x80
            position += 1
        }
        var buffer = Array(UnsafeBufferPointer(rebasing: bytes[start..<position]))
        while position < bytes.count {
            let c = bytes[position]
            switch c {
            case UInt8(ascii: "\""):
                position += 1
                guard let string = String(validating: buffer, as: UTF8.self) else {
                    throw error("invalid UTF-8 in string", at: start)
                }
                return string
            case UInt8(ascii: "\\"):
                position += 1
                guard let escape = peek() else { break }
                position += 1
                switch escape {
                case UInt8(ascii: "\""): buffer.append(0x22)
                case UInt8(ascii: "\\"): buffer.append(0x5C)
                case UInt8(ascii: "/"): buffer.append(0x2F)
                case UInt8(ascii: "b"): buffer.append(0x08)
                case UInt8(ascii: "f"): buffer.append(0x0C)
                case UInt8(ascii: "n"): buffer.append(0x0A)
                case UInt8(ascii: "r"): buffer.append(0x0D)
                case UInt8(ascii: "t"): buffer.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try parseHex4()
                    if (0xD800..<0xDC00).contains(scalar) {
                        // A high surrogate must be followed by an escaped low surrogate.
                        guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
                            bytes[position + 1] == UInt8(ascii: "u")
                        else { throw error("unpaired surrogate in \\u escape") }
                        position += 2
                        let low = try parseHex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw error("unpaired surrogate in \\u escape") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00..<0xE000).contains(scalar) {
                        throw error("unpaired surrogate in \\u escape")
                    }
                    buffer.append(contentsOf: String(Character(Unicode.Scalar(scalar)!)).utf8)
                default:
                    throw error("invalid escape '\\\(Character(Unicode.Scalar(escape)))' in string", at: position - 2)
                }
            default:
                if c < 0x20 { throw error("unescaped control character in string") }
                buffer.append(c)
                position += 1
            }
        }
        throw error("unterminated string", at: start - 1)
    }

    private mutating func parseHex4() throws(JSONSyntaxError) -> UInt32 {
        guard position + 4 <= bytes.count else { throw error("expected four hex digits after \\u") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[position]
            let digit: UInt32
            switch c {
            case 0x30...0x39: digit = UInt32(c - 0x30)
            case 0x41...0x46: digit = UInt32(c - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(c - 0x61 + 10)
            default: throw error("expected four hex digits after \\u")
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }

    // MARK: - Helpers

    @inline(__always) private func peek() -> UInt8? {
        position < bytes.count ? bytes[position] : nil
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    private func describeCurrent() -> String {
        guard position < bytes.count else { return "end of input" }
        let c = bytes[position]
        if c >= 0x20 && c < 0x7F { return "'\(Character(Unicode.Scalar(c)))'" }
        return "byte 0x" + String(c, radix: 16)
    }

    private func error(_ message: String, at offset: Int? = nil) -> JSONSyntaxError {
        let at = min(offset ?? position, bytes.count)
        let location = TextLocation(offset: at, in: bytes)
        return JSONSyntaxError(message: message, offset: at, line: location.line, column: location.column)
    }
}

extension JSONValue {
    /// Parses JSON text.
    ///
    /// - Parameter text: the JSON text.
    /// - Throws: ``JSONSyntaxError`` with line and column when the text is not valid JSON.
    public init(parsing text: String) throws(JSONSyntaxError) {
        self = try JSONParser.parse(Array(text.utf8), recordingSourceMap: false).0
    }

    /// Parses JSON from UTF-8 bytes (for example a file's `Data`).
    ///
    /// - Throws: ``JSONSyntaxError`` with line and column when the bytes are not valid JSON.
    public init<Bytes: Sequence>(parsing bytes: Bytes) throws(JSONSyntaxError) where Bytes.Element == UInt8 {
        self = try JSONParser.parse(Array(bytes), recordingSourceMap: false).0
    }

    /// Parses JSON text and records where each value starts, for diagnostics.
    ///
    /// - Returns: the value and a ``JSONSourceMap`` keyed by JSON Pointer.
    public static func parseWithSourceMap(_ text: String) throws(JSONSyntaxError) -> (JSONValue, JSONSourceMap) {
        let (value, map) = try JSONParser.parse(Array(text.utf8), recordingSourceMap: true)
        return (value, map!)
    }
}
