import JSONCore

/// Builds JSON values from YAML tokens: documents, block and flow collections, anchors and aliases,
/// and plain scalars resolved by YAML 1.2's core schema; optionally records a source map.
///
/// What JSON cannot hold (non-string keys, `.inf`) and what this reader does not take on (tags,
/// complex keys, merge keys) is refused with ``YAMLError/Kind-swift.enum/unsupported(_:)``, never
/// converted into something else. Aliases are expanded into copies; their total size is bounded so
/// that a few lines of nested aliases cannot build an enormous value.
struct YAMLParser {
    /// The most nodes that aliases may add to a text by expansion.
    static let maximumAliasExpansion = 1_000_000

    var scanner: YAMLScanner
    var anchors: [String: (value: JSONValue, nodes: Int)] = [:]
    private(set) var sourceMap: JSONSourceMap?
    var depth = 0
    var nodeCount = 0
    var expandedNodes = 0

    init(text: [UInt8], recordingSourceMap: Bool) {
        scanner = YAMLScanner(text: text)
        sourceMap = recordingSourceMap ? JSONSourceMap(text: text) : nil
    }

    // MARK: - Documents

    /// Reads every document of the stream.
    ///
    /// - Parameter maximumDocuments: refuse a stream with more documents than this.
    mutating func parseStream(maximumDocuments: Int = .max) throws(YAMLError) -> [JSONValue] {
        try scanner.next()  // the stream start
        var documents: [JSONValue] = []
        var mayStartBare = true
        while true {
            var token = try scanner.peek()
            if case .streamEnd = token.kind { return documents }
            if case .documentEnd = token.kind {
                try scanner.next()
                mayStartBare = true
                continue
            }
            var sawDirective = false
            while case .versionDirective = token.kind {
                if sawDirective { throw scanner.error("a document may have only one %YAML directive", at: token.offset) }
                sawDirective = true
                try scanner.next()
                token = try scanner.peek()
            }
            let isExplicit: Bool
            if case .documentStart = token.kind {
                isExplicit = true
            } else {
                if sawDirective { throw scanner.error("a directive must be followed by '---'", at: token.offset) }
                if !mayStartBare { throw scanner.error("a new document must start with '---'", at: token.offset) }
                isExplicit = false
            }
            guard documents.count < maximumDocuments else {
                throw scanner.error(
                    .unsupported(.multipleDocuments),
                    "the text holds more than \(maximumDocuments == 1 ? "one document" : "\(maximumDocuments) documents")",
                    at: token.offset)
            }
            if isExplicit {
                try scanner.next()
                token = try scanner.peek()
            }
            switch token.kind {
            case .documentStart, .documentEnd, .streamEnd, .versionDirective:
                recordValue(at: "", offset: token.offset)
                documents.append(.null)
            default:
                documents.append(try parseNode(at: ""))
            }
            token = try scanner.peek()
            switch token.kind {
            case .documentEnd:
                try scanner.next()
                mayStartBare = true
            case .documentStart, .streamEnd:
                mayStartBare = false
            case .versionDirective:
                throw scanner.error("a directive must come after '...', which ends the document before it", at: token.offset)
            default:
                throw scanner.error("expected the end of the document, found \(token.description)", at: token.offset)
            }
        }
    }

    // MARK: - Nodes

    mutating func parseNode(at pointer: String, allowsIndentlessSequence: Bool = false) throws(YAMLError) -> JSONValue {
        var token = try scanner.peek()
        var anchor: (name: String, offset: Int)?
        if case .anchor(let name) = token.kind {
            anchor = (name, token.offset)
            try scanner.next()
            token = try scanner.peek()
            if case .anchor = token.kind { throw scanner.error("a node can have only one anchor", at: token.offset) }
        }
        let firstNode = nodeCount
        let value: JSONValue
        recordValue(at: pointer, offset: token.offset)
        switch token.kind {
        case .alias(let name):
            guard anchor == nil else { throw scanner.error("an alias cannot have an anchor", at: token.offset) }
            try scanner.next()
            return try resolveAlias(name, at: token.offset)
        case .scalar(let text, let style):
            try scanner.next()
            value = try resolveScalar(text, style: style, at: token.offset)
            nodeCount += 1
        case .flowSequenceStart: value = try parseFlowSequence(at: pointer)
        case .flowMappingStart: value = try parseFlowMapping(at: pointer)
        case .blockSequenceStart: value = try parseBlockSequence(at: pointer)
        case .blockMappingStart: value = try parseBlockMapping(at: pointer)
        case .blockEntry where allowsIndentlessSequence: value = try parseIndentlessSequence(at: pointer)
        default:
            guard let anchor else { throw scanner.error("expected a value, found \(token.description)", at: token.offset) }
            recordValue(at: pointer, offset: anchor.offset)
            value = .null
            nodeCount += 1
        }
        if let anchor { anchors[anchor.name] = (value, nodeCount - firstNode) }
        return value
    }

    mutating func resolveScalar(_ text: String, style: YAMLToken.ScalarStyle, at offset: Int) throws(YAMLError) -> JSONValue {
        guard style == .plain else { return .string(text) }
        switch YAMLCoreSchema.resolve(text) {
        case .value(let value): return value
        case .nonFinite:
            throw scanner.error(.unsupported(.nonFiniteNumber), "'\(text)' is not a number JSON can hold; quote it to keep it as text", at: offset)
        }
    }

    mutating func resolveAlias(_ name: String, at offset: Int) throws(YAMLError) -> JSONValue {
        guard let anchored = anchors[name] else {
            throw scanner.error("alias '*\(name)' refers to no anchor defined before it", at: offset)
        }
        expandedNodes += anchored.nodes
        nodeCount += anchored.nodes
        guard expandedNodes <= Self.maximumAliasExpansion else {
            throw scanner.error(.limit, "aliases expand to more than \(Self.maximumAliasExpansion) values", at: offset)
        }
        return anchored.value
    }

    /// A mapping key: a scalar (or an alias of one) whose value is a string.
    mutating func parseKey() throws(YAMLError) -> (key: String, offset: Int) {
        var token = try scanner.peek()
        var anchor: String?
        if case .anchor(let name) = token.kind {
            anchor = name
            try scanner.next()
            token = try scanner.peek()
        }
        let key: String
        switch token.kind {
        case .scalar(let text, let style):
            try scanner.next()
            if style == .plain, text == "<<" {
                throw scanner.error(.unsupported(.mergeKey), "merge keys ('<<') are YAML 1.1 and not supported", at: token.offset)
            }
            key = try keyString(try resolveScalar(text, style: style, at: token.offset), text: text, at: token.offset)
        case .alias(let name):
            guard anchor == nil else { throw scanner.error("an alias cannot have an anchor", at: token.offset) }
            try scanner.next()
            key = try keyString(try resolveAlias(name, at: token.offset), text: "*\(name)", at: token.offset)
        case .flowSequenceStart, .flowMappingStart, .blockSequenceStart, .blockMappingStart, .blockEntry:
            throw scanner.error(.unsupported(.complexKey), "a mapping key must be a scalar, not a collection", at: token.offset)
        default:
            guard anchor != nil else {
                throw scanner.error("expected a mapping key, found \(token.description)", at: token.offset)
            }
            throw scanner.error(.unsupported(.nullKey), "a mapping key cannot be empty", at: token.offset)
        }
        if let anchor { anchors[anchor] = (.string(key), 1) }
        return (key, token.offset)
    }

    func keyString(_ value: JSONValue, text: String, at offset: Int) throws(YAMLError) -> String {
        switch value {
        case .string(let key): return key
        case .null: throw scanner.error(.unsupported(.nullKey), "a mapping key cannot be null ('\(text)')", at: offset)
        case .bool, .number:
            throw scanner.error(
                .unsupported(.nonStringKey),
                "the key '\(text)' is a \(value.typeName) in YAML 1.2; quote it to use it as a name", at: offset)
        case .array, .object:
            throw scanner.error(.unsupported(.complexKey), "a mapping key must be a scalar, not a collection", at: offset)
        }
    }

    // MARK: - Helpers

    enum Context { case blockMapping, blockSequence, indentlessSequence, flowMapping, flowSequence }

    /// Whether `token` ends an empty node in `context`.
    func isEnd(of context: Context, _ token: YAMLToken) -> Bool {
        switch (context, token.kind) {
        case (.blockMapping, .key), (.blockMapping, .value), (.blockMapping, .blockEnd): return true
        case (.blockSequence, .blockEntry), (.blockSequence, .blockEnd): return true
        case (.indentlessSequence, .blockEntry), (.indentlessSequence, .key), (.indentlessSequence, .value),
            (.indentlessSequence, .blockEnd):
            return true
        case (.flowMapping, .value), (.flowMapping, .flowEntry), (.flowMapping, .flowMappingEnd): return true
        case (.flowSequence, .value), (.flowSequence, .flowEntry), (.flowSequence, .flowSequenceEnd): return true
        default: return false
        }
    }

    /// After a key: `:` and a value, `:` and nothing (null), or no `:` at all (null).
    mutating func parseValue(at pointer: String, ending context: Context) throws(YAMLError) -> JSONValue {
        var token = try scanner.peek()
        guard case .value = token.kind else {
            recordValue(at: pointer, offset: token.offset)
            nodeCount += 1
            return .null
        }
        try scanner.next()
        let colon = token.offset
        token = try scanner.peek()
        let valueEnds: Bool
        switch context {
        case .flowMapping: valueEnds = isEnd(of: .flowMapping, token) && !isValueToken(token)
        case .flowSequence: valueEnds = isEnd(of: .flowSequence, token) && !isValueToken(token)
        default: valueEnds = isEnd(of: context, token)
        }
        guard !valueEnds else {
            recordValue(at: pointer, offset: colon)
            nodeCount += 1
            return .null
        }
        return try parseNode(at: pointer, allowsIndentlessSequence: context == .blockMapping)
    }

    /// A block collection starting where an entry of the enclosing one was expected: a line
    /// indented differently from its siblings.
    func misindented(_ token: YAMLToken) -> YAMLError? {
        switch token.kind {
        case .blockMappingStart, .blockSequenceStart:
            return scanner.error("this line is not indented like the entries of the collection it is in", at: token.offset)
        default: return nil
        }
    }

    func isValueToken(_ token: YAMLToken) -> Bool {
        if case .value = token.kind { return true }
        return false
    }

    /// Records a key, refusing one already in the mapping; returns the value's pointer.
    mutating func addKey(_ key: String, at offset: Int, in pointer: String, offsets: inout [String: Int]) throws(YAMLError) -> String {
        if let first = offsets[key] {
            let line = TextLocation(offset: first, in: scanner.text).line
            throw scanner.error("duplicate key '\(key)' (first on line \(line)); keys of a mapping must be unique", at: offset)
        }
        offsets[key] = offset
        guard sourceMap != nil else { return "" }
        let child = pointer + "/" + JSONSourceMap.escape(key)
        sourceMap!.recordKey(at: child, offset: offset)
        return child
    }

    func childPointer(_ pointer: String, index: Int) -> String {
        sourceMap == nil ? "" : pointer + "/" + String(index)
    }

    mutating func recordValue(at pointer: String, offset: Int) {
        if sourceMap != nil { sourceMap!.recordValue(at: pointer, offset: offset) }
    }

    mutating func enterCollection(_ token: YAMLToken) throws(YAMLError) {
        depth += 1
        nodeCount += 1
        if depth > YAMLScanner.maximumDepth {
            throw scanner.error(.limit, "nesting is deeper than \(YAMLScanner.maximumDepth) levels", at: token.offset)
        }
    }
}
