import Foundation

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
        let (data, response) = try await session.data(for: urlRequest)
        guard let http = response as? HTTPURLResponse else {
            throw URLError(.badServerResponse)
        }
        var headers: [(name: String, value: String)] = []
        for (name, value) in http.allHeaderFields {
            headers.append((name: "\(name)", value: "\(value)"))
        }
        return HTTPResponse(statusCode: http.statusCode, headers: headers, body: Array(data))
    }
}
