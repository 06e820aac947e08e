import Foundation
import StatesLanguageAWS
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("URLSessionHTTPClient")
struct URLSessionHTTPClientTests {
    /// A TCP port that accepts connections (the kernel completes them from the backlog) and never answers.
    static func silentListener() throws -> (descriptor: Int32, port: UInt16) {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(descriptor >= 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(bound == 0 && listen(descriptor, 16) == 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        return (descriptor, UInt16(bigEndian: address.sin_port))
    }

    @Test("Cancelling a request that is waiting for its response throws CancellationError without waiting for the timeout")
    func cancelWhileWaiting() async throws {
        let listener = try Self.silentListener()
        defer { close(listener.descriptor) }
        let client = URLSessionHTTPClient(timeout: 600)
        let url = try #require(URL(string: "http://127.0.0.1:\(listener.port)/"))
        let request = Task { try await client.send(HTTPRequest(method: "GET", url: url)) }
        try await Task.sleep(for: .milliseconds(200))
        request.cancel()
        await #expect(throws: CancellationError.self) { try await request.value }
    }

    @Test("Cancellations racing with completed responses neither crash nor lose an answer")
    func cancelRacingCompletion() async throws {
        // A refused connection completes almost at once, so cancelling right after starting races with it.
        let listener = try Self.silentListener()
        close(listener.descriptor)
        let client = URLSessionHTTPClient(timeout: 5)
        let url = try #require(URL(string: "http://127.0.0.1:\(listener.port)/"))
        for _ in 0..<200 {
            let request = Task { try await client.send(HTTPRequest(method: "GET", url: url)) }
            request.cancel()
            do {
                _ = try await request.value
                Issue.record("a refused connection gave a response")
            } catch {
                #expect(error is CancellationError || error is URLError)
            }
        }
    }
}
