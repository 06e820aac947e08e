import Foundation
import Synchronization
import Testing

@testable import StatesLanguageServer

@Suite("HTTP server")
struct HTTPServerTests {
    /// Starts a server that echoes the target and body, runs `body`, then stops the server.
    func withServer(
        idleTimeout: Double = 60, limits: HTTPRequestParser.Limits = .init(),
        handler: HTTPServer.Handler? = nil, _ body: (HTTPServer) async throws -> Void
    ) async throws {
        let server = try HTTPServer(configuration: .init(port: 0, limits: limits, idleTimeout: idleTimeout))
        let echo: HTTPServer.Handler = { request in
            HTTPResponse(status: 200, body: Array("\(request.method) \(request.target) \(String(decoding: request.body, as: UTF8.self))".utf8))
        }
        let serving = Task { await server.serve(handler ?? echo) }
        try await body(server)
        server.stop()
        await serving.value
    }

    @Test("Binding port 0 picks a free port")
    func freePort() throws {
        let server = try HTTPServer(configuration: .init(port: 0))
        #expect(server.port > 0)
        server.stop()
    }

    @Test("Binding a host that is not an address is refused")
    func badHost() {
        #expect(throws: HTTPServerError.invalidAddress("not a host")) {
            try HTTPServer(configuration: .init(host: "not a host", port: 0))
        }
    }

    @Test("Keep-alive: several requests on one connection, then Connection: close")
    func keepAlive() async throws {
        try await withServer { server in
            let client = try RawHTTPClient(port: server.port)
            client.send("POST /one HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc")
            let first = await client.response()
            #expect(first?.status == 200)
            #expect(first?.body == "POST /one abc")
            #expect(first?.headers["connection"] == "keep-alive")
            // Two pipelined requests are answered in order.
            client.send("GET /two HTTP/1.1\r\n\r\nGET /three HTTP/1.1\r\nConnection: close\r\n\r\n")
            #expect(await client.response()?.body == "GET /two ")
            let last = await client.response()
            #expect(last?.body == "GET /three ")
            #expect(last?.headers["connection"] == "close")
            #expect(await client.readToEnd().closed)
        }
    }

    @Test("Malformed requests get 400 and a closed connection; the server keeps serving")
    func malformed() async throws {
        try await withServer { server in
            let bad = try RawHTTPClient(port: server.port)
            bad.send("THIS IS NOT HTTP\r\n\r\n")
            let answer = await bad.readToEnd()
            #expect(answer.text.hasPrefix("HTTP/1.1 400 "))
            #expect(answer.closed)
            let good = try RawHTTPClient(port: server.port)
            good.send("GET / HTTP/1.1\r\n\r\n")
            #expect(await good.response()?.status == 200)
        }
    }

    @Test("A body over the limit is refused with 413 before it is read")
    func bodyTooLarge() async throws {
        try await withServer(limits: .init(maximumBodyBytes: 1000)) { server in
            let client = try RawHTTPClient(port: server.port)
            client.send("POST / HTTP/1.1\r\nContent-Length: 5000000\r\n\r\n")
            let answer = await client.readToEnd()
            #expect(answer.text.hasPrefix("HTTP/1.1 413 "))
            #expect(answer.closed)
        }
    }

    @Test("Expect: 100-continue gets an interim response before the body")
    func expectContinue() async throws {
        try await withServer { server in
            let client = try RawHTTPClient(port: server.port)
            client.send("POST /c HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n")
            try await Task.sleep(for: .milliseconds(50))
            client.send("{}")
            let response = await client.response()
            #expect(response?.body == "POST /c {}")
        }
    }

    @Test("A slow client and a vanished one do not hold up the others")
    func slowClients() async throws {
        let release = Mutex(false)
        try await withServer { server in
            // Sends half a head and then nothing.
            let slow = try RawHTTPClient(port: server.port)
            slow.send("POST / HTTP/1.1\r\nContent-Le")
            // Sends a head promising a body, then disappears.
            let vanished = try RawHTTPClient(port: server.port)
            vanished.send("POST / HTTP/1.1\r\nContent-Length: 100\r\n\r\n{")
            vanished.shutdownWrite()
            let fast = try RawHTTPClient(port: server.port)
            fast.send("GET /fast HTTP/1.1\r\n\r\n")
            #expect(await fast.response()?.body == "GET /fast ")
            release.withLock { $0 = true }
            #expect(await vanished.readToEnd().closed)
        }
        #expect(release.withLock { $0 })
    }

    @Test("An idle or incomplete connection is closed after the idle timeout")
    func idleTimeout() async throws {
        try await withServer(idleTimeout: 0.2) { server in
            let partial = try RawHTTPClient(port: server.port)
            partial.send("POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\n{")
            let answer = await partial.readToEnd()
            #expect(answer.text.hasPrefix("HTTP/1.1 408 "))
            #expect(answer.closed)
            let idle = try RawHTTPClient(port: server.port)
            #expect(await idle.readToEnd() == ("", true))
        }
    }

    @Test("Concurrent connections are served while one handler waits")
    func concurrentConnections() async throws {
        let gate = AsyncStream<Void>.makeStream()
        let handler: HTTPServer.Handler = { request in
            if request.target == "/wait" { for await _ in gate.stream { break } }
            return HTTPResponse(status: 200, body: Array(request.target.utf8))
        }
        try await withServer(handler: handler) { server in
            let waiting = try RawHTTPClient(port: server.port)
            waiting.send("GET /wait HTTP/1.1\r\n\r\n")
            async let waited = waiting.response()
            try await withThrowingTaskGroup(of: String?.self) { group in
                for index in 0..<20 {
                    group.addTask {
                        let client = try RawHTTPClient(port: server.port)
                        client.send("GET /\(index) HTTP/1.1\r\n\r\n")
                        return await client.response()?.body
                    }
                }
                var bodies: Set<String> = []
                for try await body in group { if let body { bodies.insert(body) } }
                #expect(bodies == Set((0..<20).map { "/\($0)" }))
            }
            gate.continuation.yield()
            #expect(await waited?.body == "/wait")
        }
    }

    @Test("Stopping closes open connections and ends serve")
    func stop() async throws {
        let server = try HTTPServer(configuration: .init(port: 0))
        let serving = Task { await server.serve { _ in HTTPResponse(status: 200) } }
        let client = try RawHTTPClient(port: server.port)
        client.send("GET / HTTP/1.1\r\n\r\n")
        #expect(await client.response()?.status == 200)
        server.stop()
        await serving.value
        #expect(await client.readToEnd().closed)
        #expect(throws: (any Error).self) { try RawHTTPClient(port: server.port, timeout: 5) }
    }
}
