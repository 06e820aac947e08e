import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A test client on a plain socket: sends exactly the bytes a test gives and reads what comes back.
///
/// Blocking calls run on a Dispatch queue, never on the cooperative pool the server's handlers use.
final class RawHTTPClient: Sendable {
    let fd: Int32

    /// Connects to 127.0.0.1:`port`; reads time out after `timeout` seconds (generous: a full parallel
    /// test run can keep the cooperative pool that runs the handlers busy for a minute).
    init(port: Int, timeout: Int = 300) throws {
        #if canImport(Glibc)
            fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        _ = inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        var time = timeval(tv_sec: timeout, tv_usec: 0)
        _ = setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            close(fd)
            throw POSIXError(.ECONNREFUSED)
        }
    }

    deinit { close(fd) }

    /// Sends text as UTF-8.
    func send(_ text: String) { send(Array(text.utf8)) }

    /// Sends bytes.
    func send(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            #if canImport(Glibc)
                let flags = Int32(MSG_NOSIGNAL)
            #else
                let flags: Int32 = 0
            #endif
            #if canImport(Glibc)
                let n = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, flags) }
            #else
                let n = bytes[offset...].withUnsafeBytes { Darwin.send(fd, $0.baseAddress, $0.count, flags) }
            #endif
            if n <= 0 { return }
            offset += n
        }
    }

    /// Closes the sending side.
    func shutdownWrite() { _ = shutdown(fd, Int32(SHUT_WR)) }

    /// Reads one response: the head and a `Content-Length` body; `nil` if the connection closed first.
    func response() async -> (status: Int, headers: [String: String], body: String)? {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: self.readResponse()) }
        }
    }

    /// Reads until the server closes the connection (or the read times out).
    func readToEnd() async -> (text: String, closed: Bool) {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var all: [UInt8] = []
                while true {
                    let chunk = self.readChunk()
                    guard let chunk else { return continuation.resume(returning: (String(decoding: all, as: UTF8.self), false)) }
                    if chunk.isEmpty { return continuation.resume(returning: (String(decoding: all, as: UTF8.self), true)) }
                    all += chunk
                }
            }
        }
    }

    private var pending: [UInt8] {
        get { pendingBox.value }
        set { pendingBox.value = newValue }
    }
    private let pendingBox = Box()

    /// Leftover bytes between reads; only touched by one reader at a time.
    final class Box: @unchecked Sendable { var value: [UInt8] = [] }

    /// One read: bytes, empty when closed, `nil` on timeout.
    private func readChunk() -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: 65536)
        let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, 65536, 0) }
        if n > 0 { return Array(buffer[0..<n]) }
        if n == 0 { return [] }
        return errno == ECONNRESET ? [] : nil
    }

    private func readResponse() -> (status: Int, headers: [String: String], body: String)? {
        while true {
            if let end = find(Array("\r\n\r\n".utf8), in: pending) {
                let head = String(decoding: pending[0..<end], as: UTF8.self)
                var lines = head.components(separatedBy: "\r\n")
                let statusLine = lines.removeFirst().split(separator: " ")
                var headers: [String: String] = [:]
                for line in lines {
                    if let colon = line.firstIndex(of: ":") {
                        headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                    }
                }
                let length = Int(headers["content-length"] ?? "0") ?? 0
                let status = statusLine.count > 1 ? Int(statusLine[1]) ?? 0 : 0
                if status == 100 {
                    pending.removeFirst(end + 4)
                    continue
                }
                while pending.count < end + 4 + length {
                    guard let chunk = readChunk(), !chunk.isEmpty else { return nil }
                    pending += chunk
                }
                let body = String(decoding: pending[(end + 4)..<(end + 4 + length)], as: UTF8.self)
                pending.removeFirst(end + 4 + length)
                return (status, headers, body)
            }
            guard let chunk = readChunk(), !chunk.isEmpty else { return nil }
            pending += chunk
        }
    }

    private func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for i in 0...(haystack.count - needle.count) where haystack[i..<(i + needle.count)].elementsEqual(needle) {
            return i
        }
        return nil
    }
}
