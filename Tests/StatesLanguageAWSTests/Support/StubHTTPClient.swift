import Foundation
import Synchronization

@testable import StatesLanguageAWS

/// An ``HTTPClient`` that records requests and answers them with canned responses in turn,
/// repeating the last one.
final class StubHTTPClient: HTTPClient {
    private let requests = Mutex<[HTTPRequest]>([])
    let responses: [HTTPResponse]

    init(status: Int = 200, headers: [(name: String, value: String)] = [], body: String = "") {
        responses = [HTTPResponse(statusCode: status, headers: headers, body: Array(body.utf8))]
    }

    /// Answers with these JSON bodies (status 200) in turn.
    init(bodies: [String]) {
        responses = bodies.map { HTTPResponse(statusCode: 200, body: Array($0.utf8)) }
    }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let count = requests.withLock { requests in
            requests.append(request)
            return requests.count
        }
        return responses[min(count, responses.count) - 1]
    }

    /// The requests sent so far.
    var sent: [HTTPRequest] { requests.withLock { $0 } }

    /// The last request's body as text.
    var lastBody: String { String(decoding: sent.last?.body ?? [], as: UTF8.self) }

    /// The last request's form fields, decoded, in order.
    var lastForm: [(String, String)] {
        lastBody.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                .map { String($0).removingPercentEncoding ?? String($0) }
            return (parts[0], parts.count > 1 ? parts[1] : "")
        }
    }

    static let configuration = AWSConfiguration(
        region: "eu-west-1", credentials: AWSCredentials(accessKeyID: "AKIDTEST", secretAccessKey: "secret"))

    func client(_ configuration: AWSConfiguration = StubHTTPClient.configuration) -> AWSClient {
        AWSClient(
            configuration: configuration, httpClient: self, currentDate: { Date(timeIntervalSince1970: 1_700_000_000) })
    }
}
