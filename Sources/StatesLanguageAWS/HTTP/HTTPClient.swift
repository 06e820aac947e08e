import Foundation

/// Sends HTTP requests: the only network access of the AWS integrations.
///
/// ``URLSessionHTTPClient`` is the real one; tests stub it with a closure that answers from a table.
///
/// ```swift
/// struct Canned: HTTPClient {
///     func send(_ request: HTTPRequest) async throws -> HTTPResponse {
///         HTTPResponse(statusCode: 200, headers: [], body: Array("{}".utf8))
///     }
/// }
/// ```
public protocol HTTPClient: Sendable {
    /// Sends `request` and returns the response, whatever its status code.
    ///
    /// - Throws: when no response arrives (connection refused, timeout, cancellation).
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}

/// An HTTP request ready to send: URL, method, headers and body.
public struct HTTPRequest: Sendable {
    /// The method (`GET`, `POST`).
    public var method: String
    /// The absolute URL, percent-encoded as it goes on the wire.
    public var url: URL
    /// The header fields in order.
    public var headers: [(name: String, value: String)]
    /// The body.
    public var body: [UInt8]

    /// Creates a request.
    public init(method: String, url: URL, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// The value of the first header named `name`, ignoring case.
    public func headerValue(named name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

/// An HTTP response: status code, headers and body.
public struct HTTPResponse: Sendable {
    /// The status code (`200`, `404`).
    public var statusCode: Int
    /// The header fields.
    public var headers: [(name: String, value: String)]
    /// The body.
    public var body: [UInt8]

    /// Creates a response.
    public init(statusCode: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.statusCode = statusCode
        self.headers = headers
        self.body = body
    }

    /// The value of the first header named `name`, ignoring case.
    public func headerValue(named name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

/// An ``HTTPClient`` made from a closure, for tests and adapters.
public struct ClosureHTTPClient: HTTPClient {
    let body: @Sendable (HTTPRequest) async throws -> HTTPResponse

    /// Wraps a closure.
    public init(_ body: @escaping @Sendable (HTTPRequest) async throws -> HTTPResponse) { self.body = body }

    /// Calls the closure.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse { try await body(request) }
}
