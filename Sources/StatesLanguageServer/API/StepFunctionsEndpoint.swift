import Foundation
import StatesLanguage

/// AWS Step Functions' JSON 1.0 protocol over ``HTTPServer``: `POST /` with
/// `X-Amz-Target: AWSStepFunctions.<Action>` and a JSON body; responses are
/// `application/x-amz-json-1.0`, errors HTTP 400 with `__type` and `message`.
///
/// Signatures (SigV4 `Authorization` headers) are accepted without being checked, as Step
/// Functions Local accepts them.
///
/// ```swift
/// let endpoint = StepFunctionsEndpoint(service: StepFunctionsService())
/// let server = try HTTPServer(configuration: .init(port: 8083, errorResponse: StepFunctionsEndpoint.errorResponse))
/// await server.serve(endpoint.handle)
/// ```
public struct StepFunctionsEndpoint: Sendable {
    /// The service that performs the actions.
    public let service: StepFunctionsService

    /// Creates an endpoint for `service`.
    public init(service: StepFunctionsService) { self.service = service }

    /// The content type of requests and responses.
    public static let contentType = "application/x-amz-json-1.0"

    /// Answers one HTTP request.
    public func handle(_ request: HTTPRequest) async -> HTTPResponse {
        guard request.method == "POST" else {
            if request.method == "GET" || request.method == "HEAD", request.target == "/" || request.target == "/health" {
                return HTTPResponse(
                    status: 200, headers: [("Content-Type", "text/plain; charset=utf-8")],
                    body: Array("sfnrun: AWS Step Functions API (JSON 1.0, X-Amz-Target: AWSStepFunctions.<Action>)\n".utf8))
            }
            return Self.response(for: APIError("UnknownOperationException", "Use POST with X-Amz-Target: AWSStepFunctions.<Action>", status: 405))
        }
        guard let target = request.header("X-Amz-Target") else {
            return Self.response(for: APIError("UnknownOperationException", "Missing the X-Amz-Target header"))
        }
        let prefix = "AWSStepFunctions."
        guard target.hasPrefix(prefix) else {
            return Self.response(for: APIError("UnknownOperationException", "Unknown target '\(target)': expected AWSStepFunctions.<Action>"))
        }
        let action = String(target.dropFirst(prefix.count))
        let fields: JSONObject
        if request.body.isEmpty || request.body.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 10 || $0 == 13 }) {
            fields = JSONObject()
        } else {
            do {
                guard case .object(let object) = try JSONValue(parsing: request.body) else {
                    return Self.response(for: APIError("SerializationException", "The request body must be a JSON object"))
                }
                fields = object
            } catch {
                return Self.response(for: APIError("SerializationException", "The request body is not valid JSON: \(error)"))
            }
        }
        do {
            let result = try await service.perform(action, fields)
            return HTTPResponse(status: 200, headers: Self.headers, body: result.jsonBytes())
        } catch {
            return Self.response(for: error)
        }
    }

    static var headers: [(name: String, value: String)] {
        [("Content-Type", contentType), ("x-amzn-RequestId", UUID().uuidString.lowercased())]
    }

    /// An API error as the HTTP response AWS sends.
    static func response(for error: APIError) -> HTTPResponse {
        var headers = Self.headers
        headers.append(("x-amzn-ErrorType", error.type))
        return HTTPResponse(status: error.status, headers: headers, body: error.jsonValue.jsonBytes())
    }

    /// The answer to bytes that are no request the server accepts, in the API's error shape.
    public static let errorResponse: @Sendable (HTTPParseError) -> HTTPResponse = { error in
        let type = error.status == 413 ? "ValidationException" : "SerializationException"
        var response = response(for: APIError(type, error.message, status: error.status))
        response.status = error.status
        return response
    }
}
