/// One HTTP/1.1 response: status, headers and body; the server adds `Content-Length`,
/// `Connection` and `Date`.
public struct HTTPResponse: Sendable {
    /// The status code, such as 200 or 400.
    public var status: Int
    /// Header fields other than those the server adds.
    public var headers: [(name: String, value: String)]
    /// The body.
    public var body: [UInt8]

    /// Creates a response.
    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The reason phrase for the status line.
    static func reason(for status: Int) -> String {
        switch status {
        case 100: return "Continue"
        case 200: return "OK"
        case 400: return "Bad Request"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 408: return "Request Timeout"
        case 411: return "Length Required"
        case 413: return "Content Too Large"
        case 431: return "Request Header Fields Too Large"
        case 500: return "Internal Server Error"
        case 501: return "Not Implemented"
        case 503: return "Service Unavailable"
        case 505: return "HTTP Version Not Supported"
        default: return "Status \(status)"
        }
    }

    /// The response as bytes on the wire.
    ///
    /// - Parameters:
    ///   - keepsAlive: whether the connection stays open (`Connection: keep-alive` or `close`).
    ///   - includesBody: `false` for a `HEAD` request: the length is sent, the body is not.
    func serialized(keepsAlive: Bool, includesBody: Bool = true) -> [UInt8] {
        var head = "HTTP/1.1 \(status) \(Self.reason(for: status))\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "Content-Length: \(body.count)\r\n"
        head += keepsAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n"
        head += "\r\n"
        var bytes = Array(head.utf8)
        if includesBody { bytes += body }
        return bytes
    }
}
