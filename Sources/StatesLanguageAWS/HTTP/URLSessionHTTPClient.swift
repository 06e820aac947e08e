import Foundation
import Synchronization

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// An ``HTTPClient`` over Foundation's `URLSession`.
///
/// ```swift
/// let client = URLSessionHTTPClient()
/// let response = try await client.send(HTTPRequest(method: "GET", url: URL(string: "http://127.0.0.1:5000/")!))
/// ```
public struct URLSessionHTTPClient: HTTPClient {
    private let session: URLSession
    /// How long a request may take before it fails, in seconds.
    public var timeout: TimeInterval

    /// Creates a client.
    ///
    /// - Parameters:
    ///   - session: the session to send with; an ephemeral one (no cookies, no cache) by default.
    ///   - timeout: seconds before a request fails; 60 by default.
    public init(session: URLSession = URLSession(configuration: .ephemeral), timeout: TimeInterval = 60) {
        self.session = session
        self.timeout = timeout
    }

    /// Sends the request with `URLSession`.
    ///
    /// - Throws: `URLError` when no response arrives.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        var urlRequest = URLRequest(url: request.url, timeoutInterval: timeout)
        urlRequest.httpMethod = request.method
        for (name, value) in request.headers where name.lowercased() != "host" {
            urlRequest.addValue(value, forHTTPHeaderField: name)
        }
        if !request.body.isEmpty { urlRequest.httpBody = Data(request.body) }
        let (data, response) = try await exchange(urlRequest)
        guard let http = response as? HTTPURLResponse else {
            throw URLError(.badServerResponse)
        }
        var headers: [(name: String, value: String)] = []
        for (name, value) in http.allHeaderFields {
            headers.append((name: "\(name)", value: "\(value)"))
        }
        return HTTPResponse(statusCode: http.statusCode, headers: headers, body: Array(data))
    }

    /// Runs one data task, answering cancellation at once.
    ///
    /// `URLSession.data(for:)` cancels its task when the Swift task is cancelled. On Linux,
    /// swift-corelibs-foundation traps ("a task that is not in the registry") when that cancel
    /// races with the task's completion, so a Ctrl-C or a stop that lands while a response
    /// arrives would crash the process. Here a cancelled caller gets `CancellationError` at once,
    /// and the data task is left to finish or time out on its own; its result is dropped.
    private func exchange(_ request: URLRequest) async throws -> (Data, URLResponse) {
        let outcome = Mutex<CheckedContinuation<(Data, URLResponse), any Error>?>(nil)
        let finish: @Sendable (Result<(Data, URLResponse), any Error>) -> Void = { result in
            outcome.withLock { continuation in
                continuation?.resume(with: result)
                continuation = nil
            }
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                outcome.withLock { $0 = continuation }
                if Task.isCancelled { return finish(.failure(CancellationError())) }
                let task = session.dataTask(with: request) { data, response, error in
                    if let data, let response {
                        finish(.success((data, response)))
                    } else {
                        finish(.failure(error ?? URLError(.badServerResponse)))
                    }
                }
                task.resume()
            }
        } onCancel: {
            finish(.failure(CancellationError()))
        }
    }
}
