import StatesLanguage

/// Why a call to the AWS Step Functions API failed.
///
/// ``code`` is the API's error code when the service answered (`StateMachineDoesNotExist`,
/// `InvalidArn`, `ExecutionAlreadyExists`, `AccessDeniedException`, `ThrottlingException`…), as
/// listed in each operation's "Errors" section of the Step Functions API reference;
/// `SdkClientException` when no response arrived; `InvalidRequest` for a request this client
/// refused to send; `Cancelled` when the calling task was cancelled.
///
/// ```swift
/// do {
///     _ = try await client.describeStateMachine(arn: arn)
/// } catch where error.code == "StateMachineDoesNotExist" {
///     print("not deployed yet")
/// }
/// ```
public struct StepFunctionsError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The error code (`StateMachineDoesNotExist`).
    public var code: String
    /// The service's message, or what went wrong locally.
    public var message: String
    /// The HTTP status of an error response, if there was one.
    public var statusCode: Int?
    /// The request id of an error response, if there was one.
    public var requestID: String?

    /// Creates an error.
    public init(code: String, message: String, statusCode: Int? = nil, requestID: String? = nil) {
        self.code = code
        self.message = message
        self.statusCode = statusCode
        self.requestID = requestID
    }

    /// The code of a request that got no response.
    public static let clientExceptionCode = "SdkClientException"
    /// The code of a request this client refused to send.
    public static let invalidRequestCode = "InvalidRequest"
    /// The error of a call or a wait cut short because the calling task was cancelled.
    public static let cancelled = StepFunctionsError(code: "Cancelled", message: "cancelled before it finished")

    /// Whether the calling task was cancelled.
    public var isCancellation: Bool { code == Self.cancelled.code }

    /// Whether retrying later may help: throttling, a server-side failure, or no response at all.
    public var isRetryable: Bool {
        [
            "ThrottlingException", "TooManyRequestsException", "RequestLimitExceeded", "ServiceUnavailable",
            "InternalFailure", "InternalServerError", Self.clientExceptionCode,
        ]
        .contains(code) || (statusCode.map { $0 >= 500 } ?? false)
    }

    /// `Code: message (request id)`.
    public var description: String {
        var text = message.isEmpty ? code : "\(code): \(message)"
        if let requestID { text += " (Request ID: \(requestID))" }
        return text
    }

    /// The error for anything a call threw.
    package static func from(_ error: any Error) -> StepFunctionsError {
        switch error {
        case let error as StepFunctionsError:
            return error
        case let error as AWSServiceError:
            return StepFunctionsError(
                code: error.code, message: error.message, statusCode: error.statusCode, requestID: error.requestID)
        case let error as AWSTransportError:
            return StepFunctionsError(code: clientExceptionCode, message: error.message)
        case let error as AWSRequestError:
            return StepFunctionsError(code: invalidRequestCode, message: error.message)
        case let error as StatesError:
            // Resolving the profile's credentials (SSO, assumed roles) reports Step Functions errors.
            return StepFunctionsError(code: error.name.rawValue, message: error.cause ?? "")
        case is CancellationError:
            return cancelled
        default:
            return StepFunctionsError(code: clientExceptionCode, message: "\(error)")
        }
    }
}
