/// Values for the `${Name}` placeholders of a definition's text, filled in as AWS CloudFormation
/// fills a state machine's `DefinitionSubstitutions` (and so as AWS SAM deploys one).
///
/// The replacement is textual and happens before the text is parsed, as CloudFormation's does:
/// every `${Name}` whose name has a value is replaced by that value wherever it appears (string
/// values, keys, or unquoted, where the value then reads as a number or a boolean), and a value
/// that holds placeholders is filled in turn. Placeholders without a value stay as written.
///
/// ```swift
/// let substitutions = DefinitionSubstitutions(["CheckFunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:check"])
/// let machine = try StateMachine(parsing: text, format: .yaml, substitutions: substitutions)
/// ```
///
/// See <https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-stepfunctions-statemachine.html>
/// and <https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-statemachine.html>.
public struct DefinitionSubstitutions: Sendable, Hashable {
    /// The value of each placeholder name (`CheckFunctionArn` for `${CheckFunctionArn}`).
    public var values: [String: String]

    /// Creates substitutions from names and values.
    public init(_ values: [String: String] = [:]) { self.values = values }

    /// Reads substitutions from a JSON or YAML map of names to strings, numbers or booleans
    /// (numbers and booleans are written as their text, as CloudFormation does).
    ///
    /// ```yaml
    /// CheckFunctionArn: arn:aws:lambda:us-east-1:123456789012:function:check
    /// TimeoutSeconds: 300
    /// ```
    ///
    /// - Throws: ``DefinitionError`` with the line and column of every entry that is not a name and a
    ///   string, number or boolean.
    public init(parsing text: String, format: DocumentFormat) throws(DefinitionError) {
        let (document, sourceMap) = try format.parseDocument(text)
        let root = FieldPath()
        guard case .object(let object) = document else {
            throw DefinitionError(diagnostics: [
                Diagnostic(
                    .error, at: root, "substitutions must be a map of names to values, got \(document.typeName)",
                    location: sourceMap.location(of: ""))
            ])
        }
        var values: [String: String] = [:]
        var diagnostics: [Diagnostic] = sourceMap.duplicateKeys.map { pointer in
            Diagnostic(.error, at: root.appending(pointer: pointer), "appears more than once", location: sourceMap.keyLocation(of: pointer))
        }
        for (name, value) in object {
            let path = root.appending(name)
            func problem(_ message: String) {
                diagnostics.append(Diagnostic(.error, at: path, message, location: sourceMap.keyLocation(of: path.jsonPointer)))
            }
            guard Self.isValidName(name) else {
                problem("'\(name)' cannot be a placeholder name (it must be non-empty, without '{', '}' or white space)")
                continue
            }
            switch value {
            case .string(let text): values[name] = text
            case .number, .bool: values[name] = value.jsonString()
            default: problem("must be a string, a number or a boolean, got \(value.typeName)")
            }
        }
        guard diagnostics.isEmpty else { throw DefinitionError(diagnostics: diagnostics) }
        self.values = values
    }

    /// Whether `name` can name a placeholder: non-empty, without braces or white space.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && !name.contains { $0 == "{" || $0 == "}" || $0.isWhitespace }
    }

    /// These substitutions with `other`'s values added, `other` winning for names in both.
    public func merging(_ other: DefinitionSubstitutions) -> DefinitionSubstitutions {
        DefinitionSubstitutions(values.merging(other.values) { _, new in new })
    }

    /// The text with every placeholder that has a value filled in.
    ///
    /// - Throws: ``DefinitionError`` when values refer to each other in a cycle.
    public func substitute(in text: String) throws(DefinitionError) -> String {
        try substitutedText(text).text
    }

    /// The text with placeholders filled in, with the placeholders left and a map back to the original offsets.
    package func substitutedText(_ text: String) throws(DefinitionError) -> SubstitutedText {
        let original = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(original.count)
        var segments: [SubstitutedText.Segment] = []
        var unfilled: [SubstitutedText.Placeholder] = []
        var copyStart = 0
        var index = 0
        func copy(upTo end: Int) {
            guard end > copyStart else { return }
            segments.append(.init(outputStart: output.count, originalStart: copyStart, isCopy: true))
            output.append(contentsOf: original[copyStart..<end])
        }
        while let (start, end, name) = Self.nextPlaceholder(in: original, from: index) {
            index = end
            guard values[name] != nil else {
                if Self.looksLikePlaceholder(name) { unfilled.append(.init(name: name, offset: start)) }
                continue
            }
            copy(upTo: start)
            var expanding: [String] = []
            let value = try expand(name, chain: &expanding, unfilled: &unfilled, at: start)
            segments.append(.init(outputStart: output.count, originalStart: start, isCopy: false))
            output.append(contentsOf: value.utf8)
            copyStart = end
        }
        copy(upTo: original.count)
        return SubstitutedText(text: String(decoding: output, as: UTF8.self), segments: segments, unfilled: unfilled)
    }

    /// A value with its own placeholders filled in, as CloudFormation's repeated replacement does.
    private func expand(
        _ name: String, chain: inout [String], unfilled: inout [SubstitutedText.Placeholder], at offset: Int
    ) throws(DefinitionError) -> String {
        if chain.contains(name) {
            let cycle = (chain.drop { $0 != name } + [name]).map { "${\($0)}" }.joined(separator: " → ")
            throw DefinitionError(diagnostics: [
                Diagnostic(.error, at: FieldPath(), "substitution values refer to each other in a cycle: \(cycle)")
            ])
        }
        let value = values[name]!
        let bytes = Array(value.utf8)
        guard Self.nextPlaceholder(in: bytes, from: 0) != nil else { return value }
        chain.append(name)
        defer { chain.removeLast() }
        var result = ""
        var index = 0
        while let (start, end, inner) = Self.nextPlaceholder(in: bytes, from: index) {
            result += String(decoding: bytes[index..<start], as: UTF8.self)
            if values[inner] != nil {
                result += try expand(inner, chain: &chain, unfilled: &unfilled, at: offset)
            } else {
                if Self.looksLikePlaceholder(inner) { unfilled.append(.init(name: inner, offset: offset)) }
                result += String(decoding: bytes[start..<end], as: UTF8.self)
            }
            index = end
        }
        return result + String(decoding: bytes[index...], as: UTF8.self)
    }

    /// The next `${…}` on one line from `index`: its start, its end after `}`, and the name inside.
    static func nextPlaceholder(in bytes: [UInt8], from index: Int) -> (Int, Int, String)? {
        var i = index
        while i + 1 < bytes.count {
            guard bytes[i] == UInt8(ascii: "$"), bytes[i + 1] == UInt8(ascii: "{") else {
                i += 1
                continue
            }
            var j = i + 2
            while j < bytes.count, bytes[j] != UInt8(ascii: "}"), bytes[j] != UInt8(ascii: "\n"), bytes[j] != UInt8(ascii: "{")
            {
                j += 1
            }
            guard j < bytes.count, bytes[j] == UInt8(ascii: "}") else {
                i += 2
                continue
            }
            return (i, j + 1, String(decoding: bytes[(i + 2)..<j], as: UTF8.self))
        }
        return nil
    }

    /// Whether an unfilled `${name}` looks meant as a placeholder (letters, digits, `_ . : -`), and is
    /// worth reporting; `${}`, `${ x }` or a shell's `${VAR:-default}` are left alone silently.
    static func looksLikePlaceholder(_ name: String) -> Bool {
        !name.isEmpty
            && name.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "."
                    || $0 == ":" || $0 == "-"
            } && !name.contains(":-")
    }

    /// The names of the placeholders in `text` that look meant as placeholders, in order.
    static func placeholderNames(in text: String) -> [String] {
        let bytes = Array(text.utf8)
        var names: [String] = []
        var index = 0
        while let (_, end, name) = nextPlaceholder(in: bytes, from: index) {
            if looksLikePlaceholder(name), !names.contains(name) { names.append(name) }
            index = end
        }
        return names
    }
}
