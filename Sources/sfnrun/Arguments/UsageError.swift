/// A command line that cannot be run: an unknown option, a missing value, a stray operand.
///
/// Printed as `error: <message>`, the command's usage line and `See 'sfnrun <command> --help'.`; exit status 2.
struct UsageError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, in one sentence.
    var message: String

    init(_ message: String) { self.message = message }

    var description: String { message }
}
