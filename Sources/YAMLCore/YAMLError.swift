/// A YAML text that was not read, with the place where reading stopped.
///
/// The reader refuses three kinds of text, each with a line and column:
///
/// - ``Kind-swift.enum/syntax``: the text is not valid YAML 1.2;
/// - ``Kind-swift.enum/unsupported(_:)``: valid YAML that has no JSON equivalent or lies outside
///   the subset this reader takes on (tags, complex keys, …), named by a ``YAMLFeature``;
/// - ``Kind-swift.enum/limit``: nesting or alias expansion beyond the reader's bounds.
///
/// ```swift
/// do { _ = try JSONValue(parsingYAML: "Resource: !Ref Fn") }
/// catch { print(error) } // 1:11: tags (such as !Ref or !!str) are not supported
/// ```
public struct YAMLError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Why the text was refused.
    public enum Kind: Sendable, Hashable {
        /// The text is not valid YAML.
        case syntax
        /// Valid YAML outside the subset this reader supports.
        case unsupported(YAMLFeature)
        /// Nesting deeper, or aliases expanding further, than the reader allows.
        case limit
    }

    /// Why the text was refused.
    public var kind: Kind
    /// What was wrong, in one sentence.
    public var message: String
    /// The UTF-8 byte offset of the problem.
    public var offset: Int
    /// The 1-based line of the problem.
    public var line: Int
    /// The 1-based column (in characters) of the problem.
    public var column: Int

    /// Creates an error.
    public init(_ kind: Kind, message: String, offset: Int, line: Int, column: Int) {
        self.kind = kind
        self.message = message
        self.offset = offset
        self.line = line
        self.column = column
    }

    /// `line:column: message`.
    public var description: String { "\(line):\(column): \(message)" }
}

/// A YAML construct this reader refuses rather than guessing at, because JSON has no equivalent
/// or because state machine definitions do not need it.
public enum YAMLFeature: String, Sendable, Hashable, CaseIterable {
    /// Node tags (`!Ref`, `!!str`, `!<tag:…>`) and `%TAG` directives.
    case tags
    /// A `%YAML` directive for a version other than 1.2 (1.1 reads `yes` as true), or a reserved directive.
    case directive
    /// A mapping key that is a sequence or a mapping.
    case complexKey
    /// A mapping key that is empty or `null`.
    case nullKey
    /// A plain mapping key that YAML 1.2 reads as a boolean or a number (`true:`, `200:`).
    case nonStringKey
    /// The YAML 1.1 merge key `<<`.
    case mergeKey
    /// `.inf`, `-.inf` or `.nan`, which JSON cannot hold.
    case nonFiniteNumber
    /// More than one document where one is expected.
    case multipleDocuments
}
