/// Plain and quoted scalars, and directives.
extension YAMLScanner {
    // MARK: - Plain scalars

    /// Scans a plain scalar, folding its lines; returns the text and the offset where its content ends.
    mutating func scanPlainScalar() throws(YAMLError) -> (String, Int) {
        var bytes: [UInt8] = []
        var whitespace: [UInt8] = []
        var breaks = 0
        var end = index
        let minimumIndent = indent + 1
        scanning: while true {
            if column == 0, isDocumentMarker() { break }
            if byte() == nil || byte() == UInt8(ascii: "#") { break }
            var appended = false
            while let c = byte(), !isBlank(c), !isBreak(c) {
                if c == UInt8(ascii: ":") {
                    guard let next = byte(at: 1), !isBlank(next), !isBreak(next) else { break }
                    if flowLevel > 0, isFlowIndicator(next) { break }
                } else if flowLevel > 0, isFlowIndicator(c) {
                    break
                }
                if !appended {
                    Self.fold(breaks: breaks, whitespace: whitespace, into: &bytes)
                    whitespace.removeAll()
                    breaks = 0
                    appended = true
                }
                bytes.append(c)
                try advanceContent()
            }
            if !appended { break }
            end = index
            guard let c = byte(), isBlank(c) || isBreak(c) else { break }
            while let c = byte(), isBlank(c) || isBreak(c) {
                if isBlank(c) {
                    if breaks == 0 { whitespace.append(c) }
                    advance()
                } else {
                    whitespace.removeAll()
                    breaks += 1
                    skipBreak()
                }
            }
            if breaks > 0 {
                // A continuation line must be indented more than the enclosing block (by spaces).
                let spaces = leadingSpaces()
                if flowLevel == 0, column < minimumIndent || spaces < minimumIndent { break scanning }
                if flowLevel > 0, spaces <= indent, byte().map({ !isBreak($0) }) ?? false { break scanning }
            }
        }
        if breaks > 0 { allowSimpleKey = true }
        return (String(decoding: bytes, as: UTF8.self), end)
    }

    /// Appends what separates two runs of a flow or plain scalar: a single line break folds into a
    /// space, further breaks stay as line feeds, and white space within a line is kept.
    static func fold(breaks: Int, whitespace: [UInt8], into bytes: inout [UInt8]) {
        if breaks == 1 {
            bytes.append(UInt8(ascii: " "))
        } else if breaks > 1 {
            bytes.append(contentsOf: repeatElement(UInt8(ascii: "\n"), count: breaks - 1))
        } else {
            bytes.append(contentsOf: whitespace)
        }
    }

    // MARK: - Quoted scalars

    /// Scans a single- or double-quoted scalar, with its escapes and line folding.
    mutating func scanQuotedScalar(isDouble: Bool) throws(YAMLError) -> String {
        let start = index
        let quote = text[index]
        advance()
        var bytes: [UInt8] = []
        var whitespace: [UInt8] = []
        var breaks = 0
        var afterEscapedBreak = false
        while true {
            guard let c = byte() else {
                throw error("this quoted scalar is never closed", at: start)
            }
            if isBlank(c) {
                if breaks == 0, !afterEscapedBreak { whitespace.append(c) }
                advance()
                continue
            }
            if isBreak(c) {
                whitespace.removeAll()
                breaks += 1
                skipBreak()
                try checkContinuationLine(of: start)
                continue
            }
            if afterEscapedBreak {
                bytes.append(contentsOf: repeatElement(UInt8(ascii: "\n"), count: breaks))
            } else {
                Self.fold(breaks: breaks, whitespace: whitespace, into: &bytes)
            }
            whitespace.removeAll()
            breaks = 0
            afterEscapedBreak = false
            if c == quote {
                if !isDouble, byte(at: 1) == quote {
                    bytes.append(quote)
                    advance()
                    advance()
                    continue
                }
                advance()
                break
            }
            if isDouble, c == UInt8(ascii: "\\") {
                if let next = byte(at: 1), isBreak(next) {
                    advance()
                    skipBreak()
                    try checkContinuationLine(of: start)
                    afterEscapedBreak = true
                    continue
                }
                try scanEscape(into: &bytes)
                continue
            }
            bytes.append(c)
            try advanceContent()
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A quoted scalar's next line may not be a document marker, and when it holds text it must be
    /// indented more than the enclosing block.
    private mutating func checkContinuationLine(of start: Int) throws(YAMLError) {
        if isDocumentMarker() { throw error("a document marker cannot appear inside a quoted scalar") }
        let spaces = leadingSpaces()
        var probe = lineStart + spaces
        while probe < text.count, isBlank(text[probe]) { probe += 1 }
        guard probe < text.count, !isBreak(text[probe]) else { return }
        if spaces <= indent {
            throw error(
                "this line of a quoted scalar must be indented more than the enclosing block (column \(indent + 1))",
                at: lineStart + spaces)
        }
    }

    private mutating func scanEscape(into bytes: inout [UInt8]) throws(YAMLError) {
        let start = index
        advance()
        guard let c = byte() else { throw error("this quoted scalar is never closed", at: start) }
        let simple: [UInt8: UInt32] = [
            UInt8(ascii: "0"): 0, UInt8(ascii: "a"): 7, UInt8(ascii: "b"): 8, UInt8(ascii: "t"): 9, 9: 9,
            UInt8(ascii: "n"): 10, UInt8(ascii: "v"): 11, UInt8(ascii: "f"): 12, UInt8(ascii: "r"): 13,
            UInt8(ascii: "e"): 0x1B, UInt8(ascii: " "): 0x20, UInt8(ascii: "\""): 0x22, UInt8(ascii: "/"): 0x2F,
            UInt8(ascii: "\\"): 0x5C, UInt8(ascii: "N"): 0x85, UInt8(ascii: "_"): 0xA0, UInt8(ascii: "L"): 0x2028,
            UInt8(ascii: "P"): 0x2029,
        ]
        var scalar: UInt32
        if let value = simple[c] {
            scalar = value
            advance()
        } else {
            let digits: Int
            switch c {
            case UInt8(ascii: "x"): digits = 2
            case UInt8(ascii: "u"): digits = 4
            case UInt8(ascii: "U"): digits = 8
            default: throw error("unknown escape '\\\(describeCurrent().dropFirst().dropLast())'", at: start)
            }
            advance()
            scalar = 0
            for _ in 0..<digits {
                guard let d = byte(), let value = Self.hexValue(d) else {
                    throw error("'\\\(Character(Unicode.Scalar(c)))' needs \(digits) hexadecimal digits", at: start)
                }
                scalar = scalar << 4 | value
                advance()
            }
        }
        guard let unicode = Unicode.Scalar(scalar) else {
            throw error("escape '\(String(decoding: text[start..<index], as: UTF8.self))' is not a Unicode character", at: start)
        }
        bytes.append(contentsOf: String(Character(unicode)).utf8)
    }

    static func hexValue(_ c: UInt8) -> UInt32? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(c - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(c - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(c - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    // MARK: - Directives

    /// `%YAML 1.2` is accepted; other versions, `%TAG` and reserved directives are refused.
    mutating func fetchDirective() throws(YAMLError) {
        let start = index
        advance()
        let nameStart = index
        while let c = byte(), !isBlank(c), !isBreak(c) { try advanceContent() }
        let name = String(decoding: text[nameStart..<index], as: UTF8.self)
        switch name {
        case "YAML":
            guard let c = byte(), isBlank(c) else { throw error("%YAML needs a version, such as 1.2") }
            while let c = byte(), isBlank(c) { advance() }
            let versionStart = index
            while let c = byte(), !isBlank(c), !isBreak(c) { try advanceContent() }
            let version = String(decoding: text[versionStart..<index], as: UTF8.self)
            let parts = version.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) })
            else { throw error("'\(version)' is not a YAML version (such as 1.2)", at: versionStart) }
            guard version == "1.2" else {
                throw error(
                    .unsupported(.directive),
                    "only YAML 1.2 is supported (YAML \(version) reads some plain values differently)", at: versionStart)
            }
            var sawBlank = false
            while let c = byte(), isBlank(c) {
                advance()
                sawBlank = true
            }
            if byte() == UInt8(ascii: "#"), sawBlank {
                while let c = byte(), !isBreak(c) { try advanceContent() }
            }
            if let c = byte(), !isBreak(c) { throw error("unexpected \(describeCurrent()) after the %YAML directive") }
            append(.versionDirective, at: start)
            lastTokenEnd = index
        case "TAG":
            throw error(.unsupported(.tags), "%TAG directives (and tags) are not supported", at: start)
        default:
            throw error(.unsupported(.directive), "the directive '%\(name)' is not supported", at: start)
        }
    }
}
