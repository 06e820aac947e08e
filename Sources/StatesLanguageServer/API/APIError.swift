import StatesLanguage
/// An error the Step Functions API answers with: HTTP 400 and `{"__type": …, "message": …}`, so
/// that every SDK raises its typed exception (boto3's `client.exceptions.ExecutionDoesNotExist`).
///
/// See <https://docs.aws.amazon.com/step-functions/latest/apireference/CommonErrors.html>.
public struct APIError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The error type, such as `StateMachineDoesNotExist`.
    public var type: String
    /// The message.
    public var message: String
    /// The HTTP status (400 for every error the API defines, 500 for our own failures).
    public var status: Int

    /// Creates an error.
    public init(_ type: String, _ message: String, status: Int = 400) {
        self.type = type
        self.message = message
        self.status = status
    }

    /// `type: message`.
    public var description: String { "\(type): \(message)" }

    /// The response body.
    var jsonValue: JSONValue { ["__type": .string(type), "message": .string(message)] }

    static func validation(_ message: String) -> APIError { APIError("ValidationException", message) }

    static func invalidArn(_ arn: String) -> APIError { APIError("InvalidArn", "Invalid Arn: '\(arn)'") }

    static func stateMachineDoesNotExist(_ arn: String) -> APIError {
        APIError("StateMachineDoesNotExist", "State Machine Does Not Exist: '\(arn)'")
    }

    static func executionDoesNotExist(_ arn: String) -> APIError {
        APIError("ExecutionDoesNotExist", "Execution Does Not Exist: '\(arn)'")
    }

    static func resourceNotFound(_ arn: String) -> APIError {
        APIError("ResourceNotFound", "Resource not found: '\(arn)'")
    }

    static func invalidToken(_ message: String) -> APIError { APIError("InvalidToken", message) }
}
