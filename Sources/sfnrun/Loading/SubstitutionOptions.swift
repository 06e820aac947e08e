import StatesLanguage

/// `--substitute NAME=VALUE` and `--substitutions FILE`: values for a definition's `${Name}`
/// placeholders, as SAM's `DefinitionSubstitutions` give them. Every command that reads a
/// definition takes these options from here.
struct SubstitutionOptions: Sendable {
    /// The two options, for a command's option table.
    static let specs: [OptionSpec] = [
        .repeatable("substitute", "<name=value>", help: "Fill the definition's ${name} placeholders with value (repeatable)."),
        .value("substitutions", "<file>", help: "Read placeholder values from a JSON or YAML map of names to values."),
    ]

    /// `--substitute` values in order.
    var assignments: [(name: String, value: String)]
    /// `--substitutions FILE`.
    var file: String?

    /// Reads the options.
    ///
    /// - Throws: ``UsageError`` for a `--substitute` value that is not `NAME=VALUE`.
    init(_ parsed: ParsedArguments) throws(UsageError) {
        var assignments: [(String, String)] = []
        for text in parsed.values("substitute") {
            guard let equals = text.firstIndex(of: "="),
                DefinitionSubstitutions.isValidName(String(text[..<equals]))
            else {
                throw UsageError("invalid value '\(text)' for '--substitute' (expected NAME=VALUE, such as FunctionArn=arn:aws:lambda:…)")
            }
            assignments.append((String(text[..<equals]), String(text[text.index(after: equals)...])))
        }
        self.assignments = assignments
        file = parsed.value("substitutions")
    }

    /// Whether the file comes from standard input.
    var usesStandardInput: Bool { file == "-" }

    /// The substitutions, or `nil` when neither option was given; `--substitute` wins over the file.
    ///
    /// - Throws: ``CommandFailure`` (exit 2) for an unreadable or invalid substitutions file.
    func load(io: any TerminalIO) throws(CommandFailure) -> DefinitionSubstitutions? {
        guard file != nil || !assignments.isEmpty else { return nil }
        var substitutions = DefinitionSubstitutions()
        if let file {
            let source = try SourceText.read(file, io: io)
            do {
                substitutions = try DefinitionSubstitutions(
                    parsing: source.text, format: DocumentFormat(fileName: source.fileName, text: source.text))
            } catch {
                throw CommandFailure(error.diagnostics.map { $0.formatted(file: source.displayName) })
            }
        }
        for (name, value) in assignments { substitutions.values[name] = value }
        return substitutions
    }
}
