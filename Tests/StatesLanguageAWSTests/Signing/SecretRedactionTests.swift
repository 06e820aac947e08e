import Foundation
import StatesLanguage
import Testing

@testable import StatesLanguageAWS

/// An endpoint that echoes the signed request must not put the credentials into causes, results or
/// the history (issue 10).
@Suite("Secret redaction")
struct SecretRedactionTests {
    static let secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
    static let token = "FwoGZXIvYXdzEJr//////////wEaDM+token/with+slashes=="
    static let configuration = AWSConfiguration(
        region: "eu-west-1",
        credentials: AWSCredentials(accessKeyID: "AKIDTEST", secretAccessKey: secret, sessionToken: token))

    /// Answers every request with its own headers, in JSON (escaped slashes) and as plain text.
    final class EchoHTTPClient: HTTPClient {
        let status: Int
        let fails: Bool
        init(status: Int, fails: Bool = false) {
            self.status = status
            self.fails = fails
        }

        func send(_ request: HTTPRequest) async throws -> HTTPResponse {
            let headers = request.headers.map { "\($0.name): \($0.value)" }.joined(separator: "\n")
                + "\nsecret: \(SecretRedactionTests.secret)"
            if fails { throw URLError(.badServerResponse, userInfo: [NSLocalizedDescriptionKey: "echo " + headers]) }
            let escaped = headers.replacingOccurrences(of: "/", with: "\\/").replacingOccurrences(of: "\n", with: "\\n")
            let body = #"{"__type": "ValidationException", "message": "\#(escaped)", "echo": "\#(escaped)"}"#
            return HTTPResponse(statusCode: status, headers: [("x-echo", headers.replacingOccurrences(of: "\n", with: " "))], body: Array(body.utf8))
        }
    }

    private func client(_ http: EchoHTTPClient) -> AWSClient {
        AWSClient(configuration: Self.configuration, httpClient: http, currentDate: { Date(timeIntervalSince1970: 1_700_000_000) })
    }

    private func expectClean(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!text.contains(Self.secret), sourceLocation: sourceLocation)
        #expect(!text.contains(Self.token), sourceLocation: sourceLocation)
        #expect(!text.contains(Self.token.replacingOccurrences(of: "/", with: "\\/")), sourceLocation: sourceLocation)
        #expect(text.contains("<redacted>"), sourceLocation: sourceLocation)
    }

    @Test("an error body echoing the signed request leaves no secret in the cause")
    func errorCause() async throws {
        let error = try await #require(throws: StatesError.self) {
            _ = try await client(EchoHTTPClient(status: 400)).call(service: "sqs", action: "listQueues", parameters: [:])
        }
        expectClean(error.cause ?? "")
    }

    @Test("a result echoing the signed request leaves no secret in the output")
    func output() async throws {
        let (_, response) = try await client(EchoHTTPClient(status: 200)).perform(
            service: "lambda", action: "listFunctions", parameters: [:])
        expectClean(String(decoding: response.body, as: UTF8.self))
        expectClean(response.headerValue(named: "x-echo") ?? "")
    }

    @Test("a transport error quoting the request leaves no secret in the cause")
    func transport() async throws {
        let error = try await #require(throws: StatesError.self) {
            _ = try await client(EchoHTTPClient(status: 200, fails: true)).call(
                service: "sqs", action: "listQueues", parameters: [:])
        }
        expectClean(error.cause ?? "")
    }
}
