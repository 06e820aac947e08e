/// Why AWS configuration could not be loaded: no region, no credentials, an unknown profile.
///
/// The message names the variables and files that were consulted; it never contains a secret.
public struct AWSConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong and how to fix it.
    public var message: String

    /// Creates an error.
    public init(_ message: String) { self.message = message }

    /// The message.
    public var description: String { message }
}
