import StatesLanguage

/// Where a command's execution input comes from: `--input`, `--input-file` or `-`.
enum InputSource: Sendable, Hashable {
    /// No input given.
    case none
    /// `--input JSON`.
    case text(String)
    /// `--input-file FILE` (`-` for standard input) or a `-` operand.
    case file(String)

    /// Reads the choice from parsed arguments.
    ///
    /// - Throws: ``UsageError`` when more than one source is given.
    init(_ parsed: ParsedArguments, stdinOperand: Bool) throws(UsageError) {
        let given = [parsed.has("input"), parsed.has("input-file"), stdinOperand].filter { $0 }.count
        guard given <= 1 else {
            throw UsageError("give the input only once: --input, --input-file or '-'")
        }
        if let text = parsed.value("input") {
            self = .text(text)
        } else if let path = parsed.value("input-file") {
            self = .file(path)
        } else if stdinOperand {
            self = .file("-")
        } else {
            self = .none
        }
    }

    /// Whether the input is read from standard input.
    var usesStandardInput: Bool { self == .file("-") }

    /// The input, or `nil` when none was given.
    ///
    /// - Throws: ``CommandFailure`` (exit 2) for an unreadable file or invalid JSON, with line and column.
    func value(io: any TerminalIO) throws(CommandFailure) -> JSONValue? {
        switch self {
        case .none: return nil
        case .text(let text): return try SourceText(displayName: "--input", text: text).json()
        case .file(let path): return try SourceText.read(path, io: io).json()
        }
    }
}
