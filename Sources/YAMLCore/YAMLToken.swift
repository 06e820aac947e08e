/// One token of a YAML text: the scanner's output and the parser's input.
struct YAMLToken: Sendable {
    /// How a scalar was written; only plain scalars are resolved to null, booleans and numbers.
    enum ScalarStyle: Sendable, Equatable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    enum Kind: Sendable {
        case streamStart, streamEnd
        /// `%YAML 1.2`.
        case versionDirective
        /// `---` and `...`.
        case documentStart, documentEnd
        case blockSequenceStart, blockMappingStart, blockEnd
        case flowSequenceStart, flowSequenceEnd, flowMappingStart, flowMappingEnd
        /// `-` in a block sequence, `,` between flow entries.
        case blockEntry, flowEntry
        /// The start of a mapping key (explicit `?` or inserted before an implicit key) and `:`.
        case key, value
        case alias(String)
        case anchor(String)
        case scalar(String, ScalarStyle)
    }

    var kind: Kind
    /// The UTF-8 offset where the token starts.
    var offset: Int

    /// The token as a reader would name it in a message.
    var description: String {
        switch kind {
        case .streamStart: return "the start of the text"
        case .streamEnd: return "the end of the text"
        case .versionDirective: return "a %YAML directive"
        case .documentStart: return "'---'"
        case .documentEnd: return "'...'"
        case .blockSequenceStart, .blockEntry: return "'-'"
        case .blockMappingStart: return "a mapping"
        case .blockEnd: return "the end of a block"
        case .flowSequenceStart: return "'['"
        case .flowSequenceEnd: return "']'"
        case .flowMappingStart: return "'{'"
        case .flowMappingEnd: return "'}'"
        case .flowEntry: return "','"
        case .key: return "a mapping key"
        case .value: return "':'"
        case .alias(let name): return "alias '*\(name)'"
        case .anchor(let name): return "anchor '&\(name)'"
        case .scalar: return "a scalar"
        }
    }
}
