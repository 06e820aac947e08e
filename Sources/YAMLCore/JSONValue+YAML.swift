import JSONCore

extension JSONValue {
    /// Parses a YAML text holding one document.
    ///
    /// The reader takes YAML 1.2 as state machine definitions and configuration files use it: block
    /// and flow collections; plain, quoted and block scalars; comments; document markers; anchors and
    /// aliases. Plain scalars follow the 1.2 core schema (`yes` and `2026-01-01` stay strings).
    /// Anything else is refused with its line and column, never read as something it is not.
    ///
    /// ```swift
    /// let value = try JSONValue(parsingYAML: "StartAt: Hello\nStates: {Hello: {Type: Succeed}}")
    /// value["StartAt"]  // .string("Hello")
    /// ```
    ///
    /// - Parameter text: the YAML text.
    /// - Throws: ``YAMLError`` for invalid YAML, for YAML outside the supported subset (including a
    ///   text with no document or with more than one), and for nesting beyond 512 levels.
    public init(parsingYAML text: String) throws(YAMLError) {
        var parser = YAMLParser(text: Array(text.utf8), recordingSourceMap: false)
        self = try parser.parseSingleDocument()
    }

    /// Parses a YAML text holding one document and records where each value starts, for diagnostics.
    ///
    /// - Returns: the value and a ``JSONSourceMap`` keyed by JSON Pointer, whose locations are lines
    ///   and columns of the YAML text.
    /// - Throws: ``YAMLError`` as ``init(parsingYAML:)`` does.
    public static func parseYAMLWithSourceMap(_ text: String) throws(YAMLError) -> (JSONValue, JSONSourceMap) {
        var parser = YAMLParser(text: Array(text.utf8), recordingSourceMap: true)
        let value = try parser.parseSingleDocument()
        return (value, parser.sourceMap!)
    }

    /// Parses every document of a YAML stream (documents separated by `---`).
    ///
    /// - Returns: the documents in order; none for a text with only comments.
    /// - Throws: ``YAMLError`` as ``init(parsingYAML:)`` does.
    public static func parseYAMLStream(_ text: String) throws(YAMLError) -> [JSONValue] {
        var parser = YAMLParser(text: Array(text.utf8), recordingSourceMap: false)
        return try parser.parseStream()
    }
}

extension YAMLParser {
    /// The stream's only document.
    mutating func parseSingleDocument() throws(YAMLError) -> JSONValue {
        let documents = try parseStream(maximumDocuments: 1)
        guard let document = documents.first else {
            throw YAMLError(.syntax, message: "the text holds no YAML document", offset: 0, line: 1, column: 1)
        }
        return document
    }
}
