/// Reads HTTP/1.1 requests from the bytes a connection has received so far.
///
/// The parser is a pure function of the buffer: give it everything received and not yet consumed,
/// and it says whether a whole request is there, how many bytes it took, or why the bytes can
/// never become a request. Only `Content-Length` bodies are accepted (every AWS SDK sends one);
/// `Transfer-Encoding` is refused with 501, as RFC 9112 allows a server to.
///
/// ```swift
/// let parser = HTTPRequestParser(limits: .init())
/// switch parser.parse(buffer) {
/// case .complete(let request, let consumed): …
/// case .incomplete: read more
/// case .failed(let error): answer error.status and close
/// }
/// ```
public struct HTTPRequestParser: Sendable {
    /// What the parser refuses.
    public struct Limits: Sendable, Hashable {
        /// The most bytes of request line and headers (default 16 KiB).
        public var maximumHeaderBytes: Int
        /// The largest body (default 4 MiB: above the 1 MiB definition plus the 256 KiB payloads of the API,
        /// so that field limits are reported by the API as AWS reports them).
        public var maximumBodyBytes: Int

        /// Creates limits.
        public init(maximumHeaderBytes: Int = 16 * 1024, maximumBodyBytes: Int = 4 * 1024 * 1024) {
            self.maximumHeaderBytes = maximumHeaderBytes
            self.maximumBodyBytes = maximumBodyBytes
        }
    }

    /// What parsing the buffer gave.
    public enum Outcome: Sendable, Hashable {
        /// More bytes are needed; `expectsContinue` when the headers are complete and asked for
        /// `Expect: 100-continue`.
        case incomplete(expectsContinue: Bool)
        /// A whole request, and how many bytes of the buffer it took.
        case complete(HTTPRequest, consumed: Int)
        /// The bytes can never be a request the server accepts; answer and close.
        case failed(HTTPParseError)
    }

    /// The limits applied.
    public var limits: Limits

    /// Creates a parser.
    public init(limits: Limits = Limits()) { self.limits = limits }

    /// Parses the first request in `buffer`.
    public func parse(_ buffer: ArraySlice<UInt8>) -> Outcome {
        // Leading empty lines before a request line are ignored (RFC 9112 §2.2).
        var start = buffer.startIndex
        while start + 1 < buffer.endIndex, buffer[start] == 13, buffer[start + 1] == 10 { start += 2 }
        while start < buffer.endIndex, buffer[start] == 10 { start += 1 }
        guard let headEnd = Self.endOfHead(buffer[start...]) else {
            if buffer.endIndex - start > limits.maximumHeaderBytes {
                return .failed(.headerTooLarge(limit: limits.maximumHeaderBytes))
            }
            return .incomplete(expectsContinue: false)
        }
        if headEnd.headerEnd - start > limits.maximumHeaderBytes {
            return .failed(.headerTooLarge(limit: limits.maximumHeaderBytes))
        }
        // Lines are split on bytes: in a Swift String, CR LF is one Character.
        var lines: [Substring] = []
        for raw in buffer[start..<headEnd.headerEnd].split(separator: 10, omittingEmptySubsequences: false) {
            guard let line = String(validatingUTF8Bytes: raw.last == 13 ? raw.dropLast() : raw) else {
                return .failed(.malformed("the request head is not valid UTF-8"))
            }
            lines.append(line[...])
        }
        let requestLine = lines.removeFirst()
        let parts = requestLine.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty,
            parts[0].allSatisfy({ $0.isLetter && $0.isUppercase })
        else {
            return .failed(.malformed("the request line '\(requestLine.prefix(80))' is not METHOD TARGET VERSION"))
        }
        let version = String(parts[2])
        guard version == "HTTP/1.1" || version == "HTTP/1.0" else {
            if version.hasPrefix("HTTP/") { return .failed(.unsupportedVersion(version)) }
            return .failed(.malformed("the request line '\(requestLine.prefix(80))' names no HTTP version"))
        }
        var headers: [(name: String, value: String)] = []
        for line in lines where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else {
                return .failed(.malformed("the header line '\(line.prefix(80))' has no colon"))
            }
            let name = line[..<colon]
            guard !name.isEmpty, !name.contains(where: { $0 == " " || $0 == "\t" }) else {
                return .failed(.malformed("the header name '\(name.prefix(80))' is empty or contains blanks"))
            }
            let value = line[line.index(after: colon)...].trimmingBlanks()
            headers.append((String(name), String(value)))
        }
        var request = HTTPRequest(method: String(parts[0]), target: String(parts[1]), version: version, headers: headers)
        if request.header("Transfer-Encoding") != nil {
            return .failed(.unsupportedTransferEncoding)
        }
        let lengths = headers.filter { $0.name.lowercased() == "content-length" }.map(\.value)
        var length = 0
        if let first = lengths.first {
            guard lengths.allSatisfy({ $0 == first }), !first.isEmpty, first.count <= 18,
                first.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(first)
            else {
                return .failed(.malformed("the Content-Length '\(first.prefix(40))' is not one decimal number"))
            }
            length = value
        }
        if length > limits.maximumBodyBytes {
            return .failed(.bodyTooLarge(length: length, limit: limits.maximumBodyBytes))
        }
        let bodyStart = headEnd.bodyStart
        guard buffer.endIndex - bodyStart >= length else {
            let expects = (request.header("Expect") ?? "").lowercased() == "100-continue"
            return .incomplete(expectsContinue: expects)
        }
        request.body = Array(buffer[bodyStart..<(bodyStart + length)])
        return .complete(request, consumed: bodyStart + length - buffer.startIndex)
    }

    /// Where the head ends: the index of its terminating blank line, and where the body begins.
    /// Accepts CRLF CRLF and, leniently, LF LF.
    private static func endOfHead(_ bytes: ArraySlice<UInt8>) -> (headerEnd: Int, bodyStart: Int)? {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == 10 {
                if index + 1 < bytes.endIndex, bytes[index + 1] == 10 { return (index, index + 2) }
                if index + 2 < bytes.endIndex, bytes[index + 1] == 13, bytes[index + 2] == 10 {
                    return (index, index + 3)
                }
            }
            index += 1
        }
        return nil
    }
}

/// Why bytes could not be read as a request; each has the status the server answers with.
public enum HTTPParseError: Error, Sendable, Hashable {
    /// Not HTTP: a bad request line, header line or `Content-Length`.
    case malformed(String)
    /// The request line and headers are larger than the limit.
    case headerTooLarge(limit: Int)
    /// The declared body is larger than the limit.
    case bodyTooLarge(length: Int, limit: Int)
    /// An HTTP version other than 1.0 and 1.1.
    case unsupportedVersion(String)
    /// A `Transfer-Encoding` (chunked bodies) the server does not read.
    case unsupportedTransferEncoding

    /// The HTTP status the server answers with before closing the connection.
    public var status: Int {
        switch self {
        case .malformed: return 400
        case .headerTooLarge: return 431
        case .bodyTooLarge: return 413
        case .unsupportedVersion: return 505
        case .unsupportedTransferEncoding: return 501
        }
    }

    /// A sentence saying what was wrong.
    public var message: String {
        switch self {
        case .malformed(let reason): return "Malformed HTTP request: \(reason)."
        case .headerTooLarge(let limit): return "The request headers are larger than \(limit) bytes."
        case .bodyTooLarge(let length, let limit):
            return "The request body of \(length) bytes is larger than the \(limit) bytes accepted."
        case .unsupportedVersion(let version): return "The HTTP version \(version) is not supported; use HTTP/1.1."
        case .unsupportedTransferEncoding:
            return "Transfer-Encoding is not supported; send the body with a Content-Length."
        }
    }
}

extension String {
    /// Decodes UTF-8 bytes, or `nil` when they are not valid UTF-8.
    init?(validatingUTF8Bytes bytes: ArraySlice<UInt8>) {
        guard let text = String(validating: bytes, as: UTF8.self) else { return nil }
        self = text
    }
}

extension Substring {
    /// The text without leading and trailing spaces and tabs.
    func trimmingBlanks() -> Substring {
        var text = self
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return text
    }
}
