import Foundation
import StatesLanguage
import Synchronization

@testable import StatesLanguageAWS

/// A Step Functions (and STS) endpoint answering from a script of responses per operation, and
/// recording what it was asked.
final class StepFunctionsStub: Sendable {
    struct Call: Sendable {
        var operation: String
        var body: JSONValue
        var host: String
    }

    private let state: Mutex<(calls: [Call], script: [String: [HTTPResponse]])>

    /// `script` maps an operation (`DescribeStateMachine`, or `GetCallerIdentity` for STS) to the
    /// responses it gives in turn, the last one repeating.
    init(_ script: [String: [HTTPResponse]] = [:]) {
        state = Mutex(([], script))
    }

    /// A 200 response with a JSON body.
    static func ok(_ body: JSONValue) -> HTTPResponse {
        HTTPResponse(statusCode: 200, body: body.jsonBytes())
    }

    /// A JSON-protocol error response.
    static func error(_ code: String, _ message: String = "", status: Int = 400) -> HTTPResponse {
        HTTPResponse(
            statusCode: status, headers: [("x-amzn-RequestId", "req-1")],
            body: (["__type": .string("com.amazonaws.swf.service.v2.model#\(code)"), "message": .string(message)] as JSONValue)
                .jsonBytes())
    }

    static let callerIdentity = HTTPResponse(
        statusCode: 200,
        body: Array(
            """
            <GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/ops</Arn>\
            <UserId>AIDA</UserId><Account>123456789012</Account></GetCallerIdentityResult></GetCallerIdentityResponse>
            """.utf8))

    /// Adds responses for an operation.
    func script(_ operation: String, _ responses: HTTPResponse...) {
        state.withLock { $0.script[operation, default: []] += responses }
    }

    /// The calls made so far.
    var calls: [Call] { state.withLock { $0.calls } }

    /// The operations called so far, in order.
    var operations: [String] { calls.map(\.operation) }

    /// The body of the first call of `operation`.
    func body(of operation: String) -> JSONValue? { calls.first { $0.operation == operation }?.body }

    func client(region: String = "eu-west-1", endpoint: URL? = nil) -> StepFunctionsClient {
        let transport = ClosureHTTPClient { request in self.answer(request) }
        return StepFunctionsClient(
            configuration: AWSConfiguration(
                region: region, credentials: AWSCredentials(accessKeyID: "AKIDTEST", secretAccessKey: "secret"),
                endpointURL: endpoint),
            httpClient: transport)
    }

    private func answer(_ request: HTTPRequest) -> HTTPResponse {
        let operation: String
        let body: JSONValue
        if let target = request.headerValue(named: "X-Amz-Target") {
            operation = String(target.split(separator: ".").last ?? "")
            body = (try? JSONValue(parsing: request.body)) ?? .null
        } else {
            let form = String(decoding: request.body, as: UTF8.self)
            operation = form.split(separator: "&").first { $0.hasPrefix("Action=") }.map { String($0.dropFirst(7)) } ?? "?"
            body = .string(form)
        }
        return state.withLock { state in
            state.calls.append(Call(operation: operation, body: body, host: request.url.host() ?? ""))
            guard var responses = state.script[operation], !responses.isEmpty else {
                return operation == "GetCallerIdentity"
                    ? Self.callerIdentity : Self.error("UnknownOperationException", "no response scripted for \(operation)")
            }
            let response = responses.removeFirst()
            state.script[operation] = responses.isEmpty ? [response] : responses
            return response
        }
    }
}
