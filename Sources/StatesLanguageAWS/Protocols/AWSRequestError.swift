/// Why parameters could not be turned into a request: an unknown field, a value of the wrong type.
///
/// The aws-sdk handler reports it as `States.TaskFailed` with this message as the cause.
package struct AWSRequestError: Error, Sendable, Hashable, CustomStringConvertible {
    package var message: String
    package init(_ message: String) { self.message = message }
    package var description: String { message }
}
