/// Parses intrinsic function call text into an ``IntrinsicCall`` tree.
///
/// Grammar: `call := 'States.' Name '(' [argument (',' argument)*] ')'`, where
/// an argument is a single-quoted string, a number, `true`, `false`, `null`, a
/// path (`$…`, `$$…`) or a nested call. Blanks may surround arguments. A path
/// argument ends at the first `,` or `)` outside brackets.
struct IntrinsicParser {
    static let maximumNesting = 10

    let text: String
    let bytes: [UInt8]
    var position = 0
    var depth = 0

    init(text: String) {
        self.text = text
        self.bytes = Array(text.utf8)
    }

    mutating func parseCall() throws(PathSyntaxError) -> IntrinsicCall {
        skipBlanks()
        let call = try parseNestedCall()
        skipBlanks()
        guard position == bytes.count else { throw error("unexpected \(describeCurrent()) after the call") }
        return call
    }

    private mutating func parseNestedCall() throws(PathSyntaxError) -> IntrinsicCall {
        let start = position
        depth += 1
        defer { depth -= 1 }
        guard depth <= IntrinsicParser.maximumNesting else {
            throw error("intrinsic functions can be nested at most \(IntrinsicParser.maximumNesting) levels deep")
        }
        while let byte = peek(), byte.isNameCharacter { position += 1 }
        let name = String(decoding: bytes[start..<position], as: UTF8.self)
        guard !name.isEmpty else { throw error("expected an intrinsic function name such as States.Format") }
        guard let function = IntrinsicFunction(rawValue: name) else {
            position = start
            throw error("unknown intrinsic function '\(name)'")
        }
        skipBlanks()
        guard peek() == UInt8(ascii: "(") else { throw error("expected '(' after \(name)") }
        position += 1
        var arguments: [IntrinsicArgument] = []
        skipBlanks()
        if peek() == UInt8(ascii: ")") {
            position += 1
        } else {
            while true {
                skipBlanks()
                arguments.append(try parseArgument())
                skipBlanks()
                guard let byte = peek() else { throw error("expected ',' or ')' to continue \(name)(…)") }
                position += 1
                if byte == UInt8(ascii: ")") { break }
                guard byte == UInt8(ascii: ",") else {
                    position -= 1
                    throw error("expected ',' or ')' in \(name)(…), found \(describeCurrent())")
                }
            }
        }
        let callText = String(decoding: bytes[start..<position], as: UTF8.self)
        return IntrinsicCall(text: callText, function: function, arguments: arguments)
    }

    private mutating func parseArgument() throws(PathSyntaxError) -> IntrinsicArgument {
        guard let byte = peek() else { throw error("expected an argument") }
        switch byte {
        case UInt8(ascii: "'"):
            return .string(try parseString())
        case UInt8(ascii: "$"):
            return .path(try parsePath())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .literal(.number(try parseNumber()))
        default:
            if consumeWord("true") { return .literal(true) }
            if consumeWord("false") { return .literal(false) }
            if consumeWord("null") { return .literal(nil) }
            if byte.isNameCharacter { return .call(try parseNestedCall()) }
            throw error("expected a string, number, true, false, null, path or intrinsic function, found \(describeCurrent())")
        }
    }

    /// `'…'` with `\'`, `\{`, `\}`, `\\`; other escapes are kept and reported when the call runs.
    private mutating func parseString() throws(PathSyntaxError) -> IntrinsicString {
        let start = position
        position += 1
        var value: [UInt8] = []
        var piece: [UInt8] = []
        var pieces: [String] = []
        var problem: String? = nil
        while let byte = peek() {
            position += 1
            switch byte {
            case UInt8(ascii: "'"):
                pieces.append(String(decoding: piece, as: UTF8.self))
                return IntrinsicString(value: String(decoding: value, as: UTF8.self), formatPieces: pieces, problem: problem)
            case UInt8(ascii: "\\"):
                guard let escaped = peek() else { continue }
                switch escaped {
                case UInt8(ascii: "'"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "\\"):
                    position += 1
                    value.append(escaped)
                    piece.append(escaped)
                default:
                    if problem == nil {
                        problem = "The string literal at offset \(start) contains an unescaped '\\' at offset \(position - 1); write '\\\\' for a backslash"
                    }
                    value.append(byte)
                    piece.append(byte)
                }
            case UInt8(ascii: "{") where peek() == UInt8(ascii: "}"):
                position += 1
                value.append(contentsOf: [byte, UInt8(ascii: "}")])
                pieces.append(String(decoding: piece, as: UTF8.self))
                piece = []
            default:
                value.append(byte)
                piece.append(byte)
            }
        }
        position = start
        throw error("unterminated string literal")
    }

    /// A path argument: up to the first `,`, `)` or blank outside brackets and quotes.
    private mutating func parsePath() throws(PathSyntaxError) -> JSONPath {
        let start = position
        var brackets = 0
        var quote: UInt8? = nil
        while let byte = peek() {
            if let open = quote {
                if byte == UInt8(ascii: "\\") {
                    position += 2
                    continue
                }
                if byte == open { quote = nil }
            } else if brackets > 0 && (byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"")) {
                quote = byte
            } else if byte == UInt8(ascii: "[") {
                brackets += 1
            } else if byte == UInt8(ascii: "]") {
                brackets -= 1
            } else if brackets == 0
                && (byte == UInt8(ascii: ",") || byte == UInt8(ascii: ")") || byte == UInt8(ascii: " "))
            {
                break
            }
            position += 1
        }
        position = min(position, bytes.count)
        let pathText = String(decoding: bytes[start..<position], as: UTF8.self)
        do {
            return try JSONPath(pathText)
        } catch {
            throw PathSyntaxError(message: error.message, path: text, offset: start + error.offset)
        }
    }

    private mutating func parseNumber() throws(PathSyntaxError) -> JSONNumber {
        let start = position
        if peek() == UInt8(ascii: "-") { position += 1 }
        var isInteger = true
        while let byte = peek() {
            if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                position += 1
            } else if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                isInteger = false
                position += 1
            } else if (byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")) && !isInteger {
                position += 1
            } else {
                break
            }
        }
        let literal = String(decoding: bytes[start..<position], as: UTF8.self)
        if isInteger, let value = Int64(literal) { return .integer(value) }
        guard let value = Double(literal), value.isFinite else {
            position = start
            throw error("invalid number '\(literal)'")
        }
        return .double(value)
    }

    private mutating func consumeWord(_ word: String) -> Bool {
        let wordBytes = Array(word.utf8)
        guard position + wordBytes.count <= bytes.count,
            Array(bytes[position..<position + wordBytes.count]) == wordBytes
        else { return false }
        if let next = peek(at: position + wordBytes.count), next.isNameCharacter { return false }
        position += wordBytes.count
        return true
    }

    private func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }
    private func peek(at index: Int) -> UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipBlanks() {
        while let byte = peek(), byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") {
            position += 1
        }
    }

    private func describeCurrent() -> String {
        guard position < bytes.count else { return "end of text" }
        let scalar = String(decoding: bytes[position...].prefix(4), as: UTF8.self).unicodeScalars.first
        return "'\(scalar.map { String(Character($0)) } ?? "?")'"
    }

    private func error(_ message: String) -> PathSyntaxError {
        PathSyntaxError(message: message, path: text, offset: position)
    }
}

extension UInt8 {
    /// Letters, digits, `_` and `.`: the characters of `States.ArrayLength`.
    fileprivate var isNameCharacter: Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(self) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(self)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) || self == UInt8(ascii: "_")
            || self == UInt8(ascii: ".")
    }
}
