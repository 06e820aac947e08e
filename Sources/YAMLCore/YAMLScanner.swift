import JSONCore

/// Turns YAML text into tokens.
///
/// The design follows libyaml's scanner: an indentation stack emits block starts and ends, and
/// each scalar, alias, anchor or flow collection that could be an implicit ("simple") key is
/// remembered until a `:` shows it was one, when a key token is inserted before it. The rules are
/// YAML 1.2's: `:` and `#` inside plain scalars, JSON-like keys followed directly by `:`, tabs only
/// as separation (never as indentation), and continuation lines indented below their parent refused.
struct YAMLScanner {
    /// The deepest nesting of collections accepted, as for JSON.
    static let maximumDepth = 512
    /// The longest implicit key, as the YAML specification bounds it.
    static let maximumKeyLength = 1024

    struct SimpleKey {
        var tokenNumber: Int
        var isRequired: Bool
        var index: Int
        var line: Int
        var column: Int
    }

    let text: [UInt8]
    /// The current byte offset.
    var index = 0
    /// The current line, from 0.
    var line = 0
    /// The current column in characters, from 0.
    var column = 0
    /// The offset where the current line starts.
    var lineStart = 0

    private var queue: [YAMLToken] = []
    private var head = 0
    private var tokensTaken = 0
    private var streamStarted = false
    private var streamEnded = false

    /// How many flow collections (`[`, `{`) are open.
    var flowLevel = 0
    /// The indentation of the innermost block collection (-1 at the top).
    var indent = -1
    private var indents: [Int] = []
    /// Whether the innermost block collection is a sequence, for clearer messages.
    private var isSequenceIndent = false
    private var indentKinds: [Bool] = []
    /// Whether a simple key (or a block collection) may start at the current position.
    var allowSimpleKey = true
    private var simpleKeys: [SimpleKey?] = [nil]
    /// Where the last token's text ended, so that a comment must be separated from it.
    var lastTokenEnd = -1
    /// Whether the last token was a quoted scalar or a flow collection's end: in a flow collection a
    /// `:` right after such a "JSON-like" key is a value indicator even with no space after it.
    var lastTokenIsJSONLike = false
    /// The line of the last key forgotten for being longer than 1024 characters, for a clearer message.
    private var longKeyLine = -1

    init(text: [UInt8]) { self.text = text }

    // MARK: - The token queue

    /// The next token, without consuming it.
    mutating func peek() throws(YAMLError) -> YAMLToken {
        try fill()
        return queue[head]
    }

    /// Consumes and returns the next token; the end of the stream is returned again if asked for.
    @discardableResult
    mutating func next() throws(YAMLError) -> YAMLToken {
        try fill()
        let token = queue[head]
        if case .streamEnd = token.kind { return token }
        head += 1
        tokensTaken += 1
        if head > 256, head * 2 > queue.count {
            queue.removeFirst(head)
            head = 0
        }
        return token
    }

    /// Fetches tokens until the head of the queue can no longer be preceded by an inserted key.
    private mutating func fill() throws(YAMLError) {
        while true {
            if head < queue.count {
                if streamEnded { return }
                try removeStaleSimpleKeys()
                if !simpleKeys.contains(where: { $0?.tokenNumber == tokensTaken }) { return }
            }
            try fetchNextToken()
        }
    }

    mutating func append(_ kind: YAMLToken.Kind, at offset: Int) {
        queue.append(YAMLToken(kind: kind, offset: offset))
    }

    // MARK: - Fetching

    private mutating func fetchNextToken() throws(YAMLError) {
        if !streamStarted {
            streamStarted = true
            if text.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
            lineStart = index
            append(.streamStart, at: 0)
            return
        }
        try skipToNextToken()
        try removeStaleSimpleKeys()
        unwindIndent(to: column)
        guard let c = byte() else {
            try fetchStreamEnd()
            return
        }
        if column == 0 {
            if c == UInt8(ascii: "%") { return try fetchDirective() }
            if isDocumentMarker("-") { return try fetchDocumentIndicator(.documentStart) }
            if isDocumentMarker(".") { return try fetchDocumentIndicator(.documentEnd) }
        }
        switch c {
        case UInt8(ascii: "["): try fetchFlowCollectionStart(.flowSequenceStart)
        case UInt8(ascii: "{"): try fetchFlowCollectionStart(.flowMappingStart)
        case UInt8(ascii: "]"): try fetchFlowCollectionEnd(.flowSequenceEnd)
        case UInt8(ascii: "}"): try fetchFlowCollectionEnd(.flowMappingEnd)
        case UInt8(ascii: ","): try fetchFlowEntry()
        case UInt8(ascii: "-") where isBlankOrBreakOrEnd(at: 1): try fetchBlockEntry()
        case UInt8(ascii: "?") where isBlankOrBreakOrEnd(at: 1): try fetchKey()
        case UInt8(ascii: ":") where isValueIndicator(): try fetchValue()
        case UInt8(ascii: "*"): try fetchAnchorOrAlias(isAlias: true)
        case UInt8(ascii: "&"): try fetchAnchorOrAlias(isAlias: false)
        case UInt8(ascii: "!"):
            throw error(.unsupported(.tags), "tags (such as !Ref or !!str) are not supported; write the value itself")
        case UInt8(ascii: "|"), UInt8(ascii: ">"):
            guard flowLevel == 0 else { throw error("a block scalar ('\(Character(Unicode.Scalar(c)))') cannot start inside [ ] or { }") }
            try fetchBlockScalar()
        case UInt8(ascii: "'"), UInt8(ascii: "\""): try fetchQuotedScalar()
        default:
            guard startsPlainScalar() else {
                if c == UInt8(ascii: "%"), index > 0, text[index - 1] == UInt8(ascii: "{") {
                    throw error("'{' starts a flow mapping, so '{%' cannot start a value; quote text such as '{% … %}'", at: index - 1)
                }
                throw error("\(describeCurrent()) cannot start a value here")
            }
            try fetchPlainScalar()
        }
    }

    private mutating func fetchStreamEnd() throws(YAMLError) {
        try removeSimpleKey()
        unwindIndent(to: -1)
        allowSimpleKey = false
        append(.streamEnd, at: index)
        streamEnded = true
    }

    private mutating func fetchDocumentIndicator(_ kind: YAMLToken.Kind) throws(YAMLError) {
        guard flowLevel == 0 else { throw error("a document marker cannot appear inside [ ] or { }") }
        try removeSimpleKey()
        unwindIndent(to: -1)
        allowSimpleKey = false
        let start = index
        for _ in 0..<3 { advance() }
        append(kind, at: start)
        lastTokenEnd = index
        lastTokenIsJSONLike = false
        if case .documentEnd = kind {
            // Only a comment may follow '...' on its line.
            while let c = byte(), isBlank(c) { advance() }
            if let c = byte(), c != UInt8(ascii: "#"), !isBreak(c) {
                throw error("only a comment may follow '...' on its line")
            }
            if byte() == UInt8(ascii: "#"), index == lastTokenEnd {
                throw error("a comment needs white space before '#'")
            }
        }
    }

    private mutating func fetchFlowCollectionStart(_ kind: YAMLToken.Kind) throws(YAMLError) {
        try saveSimpleKey()
        flowLevel += 1
        guard flowLevel <= Self.maximumDepth else {
            throw error(.limit, "nesting is deeper than \(Self.maximumDepth) levels")
        }
        simpleKeys.append(nil)
        allowSimpleKey = true
        emitAndAdvance(kind, isJSONLike: false)
    }

    private mutating func fetchFlowCollectionEnd(_ kind: YAMLToken.Kind) throws(YAMLError) {
        try removeSimpleKey()
        guard flowLevel > 0 else { throw error("\(describeCurrent()) has no matching opening bracket") }
        flowLevel -= 1
        simpleKeys.removeLast()
        allowSimpleKey = false
        emitAndAdvance(kind, isJSONLike: true)
    }

    private mutating func fetchFlowEntry() throws(YAMLError) {
        guard flowLevel > 0 else { throw error("',' separates entries only inside [ ] or { }") }
        try removeSimpleKey()
        allowSimpleKey = true
        emitAndAdvance(.flowEntry, isJSONLike: false)
    }

    private mutating func fetchBlockEntry() throws(YAMLError) {
        guard flowLevel == 0 else { throw error("a '- ' entry cannot appear inside [ ] or { }; separate entries with ','") }
        guard allowSimpleKey else { throw error("a sequence entry ('- ') is not allowed here") }
        try rollIndent(to: column, at: nil, .blockSequenceStart)
        try removeSimpleKey()
        allowSimpleKey = true
        emitAndAdvance(.blockEntry, isJSONLike: false)
    }

    private mutating func fetchKey() throws(YAMLError) {
        if flowLevel == 0 {
            guard allowSimpleKey else { throw error("an explicit key ('? ') is not allowed here") }
            try rollIndent(to: column, at: nil, .blockMappingStart)
        }
        try removeSimpleKey()
        allowSimpleKey = flowLevel == 0
        emitAndAdvance(.key, isJSONLike: false)
    }

    private mutating func fetchValue() throws(YAMLError) {
        if let key = simpleKeys[flowLevel] {
            queue.insert(YAMLToken(kind: .key, offset: key.index), at: head + key.tokenNumber - tokensTaken)
            try rollIndent(to: key.column, at: key.tokenNumber, .blockMappingStart, offset: key.index)
            simpleKeys[flowLevel] = nil
            allowSimpleKey = false
        } else {
            if flowLevel == 0 {
                guard allowSimpleKey else {
                    if longKeyLine == line {
                        throw error("an implicit key is limited to \(Self.maximumKeyLength) characters; use '? ' for a longer one")
                    }
                    throw error(
                        "':' cannot appear here unquoted: quote a value that holds ': ', and start a nested mapping on a line of its own")
                }
                try rollIndent(to: column, at: nil, .blockMappingStart)
            }
            allowSimpleKey = flowLevel == 0
        }
        emitAndAdvance(.value, isJSONLike: false)
    }

    private mutating func fetchAnchorOrAlias(isAlias: Bool) throws(YAMLError) {
        try saveSimpleKey()
        allowSimpleKey = false
        let start = index
        advance()
        let nameStart = index
        while let c = byte(), !isBlank(c), !isBreak(c), !isFlowIndicator(c) { try advanceContent() }
        guard index > nameStart else {
            throw error("\(isAlias ? "an alias ('*')" : "an anchor ('&')") needs a name", at: start)
        }
        let name = String(decoding: text[nameStart..<index], as: UTF8.self)
        append(isAlias ? .alias(name) : .anchor(name), at: start)
        lastTokenEnd = index
        lastTokenIsJSONLike = false
    }

    private mutating func fetchQuotedScalar() throws(YAMLError) {
        try saveSimpleKey()
        allowSimpleKey = false
        let start = index
        let isDouble = byte() == UInt8(ascii: "\"")
        let value = try scanQuotedScalar(isDouble: isDouble)
        append(.scalar(value, isDouble ? .doubleQuoted : .singleQuoted), at: start)
        lastTokenEnd = index
        lastTokenIsJSONLike = true
    }

    private mutating func fetchPlainScalar() throws(YAMLError) {
        try saveSimpleKey()
        allowSimpleKey = false
        let start = index
        let (value, end) = try scanPlainScalar()
        append(.scalar(value, .plain), at: start)
        lastTokenEnd = end
        lastTokenIsJSONLike = false
    }

    private mutating func fetchBlockScalar() throws(YAMLError) {
        try removeSimpleKey()
        allowSimpleKey = true
        let start = index
        let isLiteral = byte() == UInt8(ascii: "|")
        let value = try scanBlockScalar(isLiteral: isLiteral)
        append(.scalar(value, isLiteral ? .literal : .folded), at: start)
        lastTokenEnd = -1  // a block scalar ends at a line boundary
        lastTokenIsJSONLike = false
    }

    private mutating func emitAndAdvance(_ kind: YAMLToken.Kind, isJSONLike: Bool) {
        append(kind, at: index)
        advance()
        lastTokenEnd = index
        lastTokenIsJSONLike = isJSONLike
    }

    // MARK: - Indentation

    /// Opens a block collection at `column` if it is deeper than the current one.
    private mutating func rollIndent(
        to column: Int, at tokenNumber: Int?, _ kind: YAMLToken.Kind, offset: Int? = nil
    ) throws(YAMLError) {
        guard flowLevel == 0, indent < column else { return }
        indents.append(indent)
        indentKinds.append(isSequenceIndent)
        indent = column
        if case .blockSequenceStart = kind { isSequenceIndent = true } else { isSequenceIndent = false }
        guard indents.count <= Self.maximumDepth else {
            throw error(.limit, "nesting is deeper than \(Self.maximumDepth) levels")
        }
        let token = YAMLToken(kind: kind, offset: offset ?? index)
        if let tokenNumber {
            queue.insert(token, at: head + tokenNumber - tokensTaken)
        } else {
            queue.append(token)
        }
    }

    /// Closes every block collection deeper than `column`.
    private mutating func unwindIndent(to column: Int) {
        guard flowLevel == 0 else { return }
        while indent > column {
            append(.blockEnd, at: index)
            indent = indents.removeLast()
            isSequenceIndent = indentKinds.removeLast()
        }
    }

    // MARK: - Simple keys

    private mutating func saveSimpleKey() throws(YAMLError) {
        guard allowSimpleKey else { return }
        try removeSimpleKey()
        simpleKeys[flowLevel] = SimpleKey(
            tokenNumber: tokensTaken + queue.count - head, isRequired: flowLevel == 0 && indent == column,
            index: index, line: line, column: column)
    }

    private mutating func removeSimpleKey() throws(YAMLError) {
        if let key = simpleKeys[flowLevel], key.isRequired { throw missingColon(at: key.index) }
        simpleKeys[flowLevel] = nil
    }

    /// Forgets remembered keys that can no longer be keys: implicit keys fit on one line and in 1024 characters.
    private mutating func removeStaleSimpleKeys() throws(YAMLError) {
        for level in simpleKeys.indices {
            guard let key = simpleKeys[level], key.line != line || index > key.index + Self.maximumKeyLength else {
                continue
            }
            if key.isRequired { throw missingColon(at: key.index) }
            if key.line == line { longKeyLine = line }
            simpleKeys[level] = nil
        }
    }

    /// A value at the indentation of a block collection's entries that is not an entry.
    private func missingColon(at offset: Int) -> YAMLError {
        if isSequenceIndent {
            return error("expected '- ' here: this line is at the indentation of the sequence's entries", at: offset)
        }
        return error("expected ':' after this mapping key", at: offset)
    }

    // MARK: - White space and comments

    /// Skips white space, comments and line breaks before the next token, enforcing YAML's rules on tabs
    /// and on the indentation of lines inside flow collections.
    private mutating func skipToNextToken() throws(YAMLError) {
        var sawTab = false
        while true {
            while let c = byte(), isBlank(c) {
                if c == UInt8(ascii: "\t") { sawTab = true }
                advance()
            }
            if byte() == UInt8(ascii: "#") {
                if index == lastTokenEnd { throw error("a comment needs white space before '#'") }
                while let c = byte(), !isBreak(c) { try advanceContent() }
            }
            guard let c = byte(), isBreak(c) else { break }
            skipBreak()
            if flowLevel == 0 { allowSimpleKey = true }
            sawTab = false
        }
        guard byte() != nil, onlyBlanksBeforeOnLine() else {
            if sawTab, flowLevel == 0 { allowSimpleKey = false }
            return
        }
        // The first token of a line: its indentation may have been partly skipped by a plain scalar.
        let spaces = leadingSpaces()
        sawTab = text[lineStart..<index].contains(UInt8(ascii: "\t"))
        if sawTab, flowLevel == 0, spaces <= indent {
            throw error("a tab character cannot be used for indentation", at: lineStart + spaces)
        }
        if flowLevel > 0, spaces <= indent {
            throw error("this line inside [ ] or { } must be indented more than the enclosing block (column \(indent + 1))")
        }
        if sawTab, flowLevel == 0 { allowSimpleKey = false }
    }

    /// Whether only spaces and tabs precede the current position on its line. Scans back only over
    /// the blanks just skipped, so the cost stays linear however many tokens a line holds.
    func onlyBlanksBeforeOnLine() -> Bool {
        var position = index
        while position > lineStart {
            position -= 1
            if !isBlank(text[position]) { return false }
        }
        return true
    }

    /// The number of spaces that start the current line.
    func leadingSpaces() -> Int {
        var count = 0
        while lineStart + count < text.count, text[lineStart + count] == UInt8(ascii: " ") { count += 1 }
        return count
    }
}
