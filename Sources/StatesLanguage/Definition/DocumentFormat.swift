import YAMLCore

/// The notation of a definition, a mock configuration or a substitutions file: JSON or YAML.
///
/// AWS takes both: the console's Workflow Studio exports YAML, and SAM projects keep
/// `statemachine/*.asl.yaml` files. YAML is read by `YAMLCore` (YAML 1.2, without tags or complex
/// keys); its diagnostics carry the YAML file's lines and columns.
///
/// ```swift
/// let format = DocumentFormat(fileName: "statemachine/orders.asl.yaml")  // .yaml
/// let machine = try StateMachine(parsing: text, format: .yaml)
/// ```
public enum DocumentFormat: String, Sendable, Hashable, CaseIterable {
    /// JSON (RFC 8259), read strictly.
    case json
    /// YAML 1.2: block and flow collections, plain, quoted and block scalars, comments, anchors.
    case yaml

    /// The format a file name's extension names: `.json` (`.asl.json`) or `.yaml`, `.yml` (`.asl.yaml`).
    ///
    /// - Returns: `nil` for any other extension.
    public init?(fileName: String) {
        let name = fileName.lowercased()
        if name.hasSuffix(".json") {
            self = .json
        } else if name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            self = .yaml
        } else {
            return nil
        }
    }

    /// The format of a text: the one its file name's extension names, otherwise JSON when the text
    /// starts with `{` or `[`, otherwise YAML.
    ///
    /// - Parameters:
    ///   - fileName: the file the text came from, or `nil` (standard input, say).
    ///   - text: the text itself.
    public init(fileName: String?, text: String) {
        if let fileName, let format = DocumentFormat(fileName: fileName) {
            self = format
            return
        }
        let first = text.utf8.first { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }
        self = first == UInt8(ascii: "{") || first == UInt8(ascii: "[") ? .json : .yaml
    }

    /// A text that could not be parsed: the message (starting `invalid JSON:`, `invalid YAML:` or
    /// `unsupported YAML:`) and the byte offset of the problem.
    package struct SyntaxError: Error {
        package var message: String
        package var offset: Int
    }

    /// Parses `text` and records where each value starts.
    package func parseWithSourceMap(_ text: String) throws(SyntaxError) -> (JSONValue, JSONSourceMap) {
        switch self {
        case .json:
            do { return try JSONValue.parseWithSourceMap(text) } catch {
                throw SyntaxError(message: "invalid JSON: \(error.message)", offset: error.offset)
            }
        case .yaml:
            do { return try JSONValue.parseYAMLWithSourceMap(text) } catch {
                switch error.kind {
                case .unsupported: throw SyntaxError(message: "unsupported YAML: \(error.message)", offset: error.offset)
                case .syntax, .limit: throw SyntaxError(message: "invalid YAML: \(error.message)", offset: error.offset)
                }
            }
        }
    }

    /// Parses `text` with a source map, turning a syntax error into a diagnostic with its line and column.
    package func parseDocument(_ text: String) throws(DefinitionError) -> (JSONValue, JSONSourceMap) {
        do { return try parseWithSourceMap(text) } catch {
            throw DefinitionError(diagnostics: [
                Diagnostic(
                    .error, code: .invalidJSONDescription, at: FieldPath(), error.message,
                    location: TextLocation(offset: error.offset, in: Array(text.utf8)))
            ])
        }
    }
}
