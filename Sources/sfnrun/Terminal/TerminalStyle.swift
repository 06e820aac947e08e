/// ANSI colours for terminal output, or plain text when disabled (`NO_COLOR`, not a terminal).
struct TerminalStyle: Sendable {
    /// Whether escape sequences are written.
    var isEnabled: Bool

    private func wrap(_ text: String, _ code: String) -> String {
        isEnabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    /// Green, for success.
    func success(_ text: String) -> String { wrap(text, "32") }
    /// Red, for failures and errors.
    func failure(_ text: String) -> String { wrap(text, "31") }
    /// Yellow, for warnings and retries.
    func warning(_ text: String) -> String { wrap(text, "33") }
    /// Dim, for secondary details.
    func dim(_ text: String) -> String { wrap(text, "2") }
    /// Bold, for names.
    func bold(_ text: String) -> String { wrap(text, "1") }
}
