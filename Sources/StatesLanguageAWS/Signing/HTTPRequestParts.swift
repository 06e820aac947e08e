import Foundation

/// An HTTP request as the signer sees it: method, path and query as they go on the wire,
/// headers in order, and the body.
///
/// ``SigV4Signer`` reads these parts and adds its headers; a transport then sends them.
///
/// ```swift
/// var request = HTTPRequestParts(method: "GET", url: URL(string: "https://iam.amazonaws.com/?Action=ListUsers")!)
/// signer.sign(&request, date: .now)
/// request.headerValue(named: "Authorization")  // "AWS4-HMAC-SHA256 Credential=…"
/// ```
public struct HTTPRequestParts: Sendable {
    /// The method, upper case (`GET`, `POST`).
    public var method: String
    /// The path exactly as sent, percent-encoded, starting with `/` (`/my%20key`).
    public var path: String
    /// The query exactly as sent, percent-encoded, without the `?`; empty when there is none.
    public var query: String
    /// The header fields in order; names compare case-insensitively and may repeat.
    public var headers: [(name: String, value: String)]
    /// The body bytes; empty for requests without one.
    public var body: [UInt8]

    /// Creates a request from its wire parts.
    ///
    /// - Parameters:
    ///   - method: the method.
    ///   - path: the percent-encoded path (`/` when empty).
    ///   - query: the percent-encoded query, without `?`.
    ///   - headers: the header fields, which must include `Host` for a request to AWS.
    ///   - body: the body.
    public init(
        method: String,
        path: String,
        query: String = "",
        headers: [(name: String, value: String)] = [],
        body: [UInt8] = []
    ) {
        self.method = method
        self.path = path.isEmpty ? "/" : path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// Creates a request for `url`, adding a `Host` header from its host and explicit port
    /// unless `headers` already has one.
    ///
    /// - Parameters:
    ///   - method: the method.
    ///   - url: the absolute URL; its percent-encoded path and query are used as they are.
    ///   - headers: further header fields.
    ///   - body: the body.
    public init(method: String, url: URL, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.init(
            method: method,
            path: url.path(percentEncoded: true),
            query: url.query(percentEncoded: true) ?? "",
            headers: headers,
            body: body
        )
        if headerValue(named: "host") == nil, let host = url.host(percentEncoded: true) {
            let port = url.port.map { ":\($0)" } ?? ""
            self.headers.insert((name: "Host", value: host + port), at: 0)
        }
    }

    /// The path and query as in the request line (`/path?query`).
    public var target: String { query.isEmpty ? path : "\(path)?\(query)" }

    /// The value of the first header named `name`, ignoring case; `nil` if there is none.
    public func headerValue(named name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// Removes every header named `name`, ignoring case.
    public mutating func removeHeaders(named name: String) {
        let lowercased = name.lowercased()
        headers.removeAll { $0.name.lowercased() == lowercased }
    }

    /// Replaces every header named `name` (ignoring case) by one field with `value`, at the end.
    public mutating func setHeader(_ name: String, to value: String) {
        removeHeaders(named: name)
        headers.append((name: name, value: value))
    }
}
