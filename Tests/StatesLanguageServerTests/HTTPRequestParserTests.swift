import Testing

@testable import StatesLanguageServer

@Suite("HTTP request parser")
struct HTTPRequestParserTests {
    let parser = HTTPRequestParser()

    func bytes(_ text: String) -> ArraySlice<UInt8> { Array(text.utf8)[...] }

    @Test("A request with a body is read whole, with its headers in order")
    func completeRequest() throws {
        let text = "POST / HTTP/1.1\r\nHost: localhost\r\nX-Amz-Target: AWSStepFunctions.ListStateMachines\r\nContent-Length: 2\r\n\r\n{}"
        guard case .complete(let request, let consumed) = parser.parse(bytes(text)) else {
            Issue.record("not complete")
            return
        }
        #expect(consumed == text.utf8.count)
        #expect(request.method == "POST")
        #expect(request.target == "/")
        #expect(request.header("x-amz-target") == "AWSStepFunctions.ListStateMachines")
        #expect(request.headers.map(\.name) == ["Host", "X-Amz-Target", "Content-Length"])
        #expect(request.body == Array("{}".utf8))
        #expect(request.keepsAlive)
    }

    @Test("Pipelined requests are taken one at a time")
    func pipelined() {
        let first = "GET /a HTTP/1.1\r\nHost: x\r\n\r\n"
        let second = "GET /b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        let buffer = bytes(first + second)
        guard case .complete(let a, let consumed) = parser.parse(buffer) else {
            Issue.record("first not complete")
            return
        }
        #expect(a.target == "/a")
        #expect(consumed == first.utf8.count)
        guard case .complete(let b, _) = parser.parse(buffer.dropFirst(consumed)) else {
            Issue.record("second not complete")
            return
        }
        #expect(b.target == "/b")
        #expect(!b.keepsAlive)
    }

    @Test("Incomplete heads and bodies ask for more, and report Expect: 100-continue")
    func incomplete() {
        #expect(parser.parse(bytes("POST / HTTP/1.1\r\nHost: x\r\n")) == .incomplete(expectsContinue: false))
        #expect(
            parser.parse(bytes("POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\n{\"a\"")) == .incomplete(expectsContinue: false))
        #expect(
            parser.parse(bytes("POST / HTTP/1.1\r\nContent-Length: 10\r\nExpect: 100-continue\r\n\r\n"))
                == .incomplete(expectsContinue: true))
    }

    @Test("Bare LF line ends and leading blank lines are accepted")
    func lenient() {
        guard case .complete(let request, _) = parser.parse(bytes("\r\nGET / HTTP/1.0\nConnection: keep-alive\n\n"))
        else {
            Issue.record("not complete")
            return
        }
        #expect(request.version == "HTTP/1.0")
        #expect(request.keepsAlive)
    }

    @Test(
        "Malformed requests fail with the status to answer",
        arguments: [
            ("GARBAGE\r\n\r\n", 400),
            ("get / HTTP/1.1\r\n\r\n", 400),
            ("GET / HTTP/2.0\r\n\r\n", 505),
            ("GET / FTP\r\n\r\n", 400),
            ("POST / HTTP/1.1\r\nNoColon\r\n\r\n", 400),
            ("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n", 400),
            ("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", 400),
            ("POST / HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n", 400),
            ("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n", 501),
            ("POST / HTTP/1.1\r\nBad Name: x\r\n\r\n", 400),
        ] as [(String, Int)])
    func malformed(text: String, status: Int) {
        guard case .failed(let error) = parser.parse(bytes(text)) else {
            Issue.record("parsed \(text.debugDescription)")
            return
        }
        #expect(error.status == status)
        #expect(!error.message.isEmpty)
    }

    @Test("Heads and bodies over the limits are refused before they are read")
    func limits() {
        let small = HTTPRequestParser(limits: .init(maximumHeaderBytes: 64, maximumBodyBytes: 100))
        let longHeader = "GET / HTTP/1.1\r\nX-Long: " + String(repeating: "a", count: 100)
        #expect(small.parse(bytes(longHeader)) == .failed(.headerTooLarge(limit: 64)))
        #expect(small.parse(bytes(longHeader + "\r\n\r\n")) == .failed(.headerTooLarge(limit: 64)))
        #expect(
            small.parse(bytes("POST / HTTP/1.1\r\nContent-Length: 101\r\n\r\n"))
                == .failed(.bodyTooLarge(length: 101, limit: 100)))
        #expect(small.parse(bytes("POST / HTTP/1.1\r\nContent-Length: 100\r\n\r\n")) == .incomplete(expectsContinue: false))
    }

    @Test("Invalid UTF-8 in the head is malformed, not a crash")
    func invalidUTF8() {
        var raw = Array("GET /".utf8)
        raw += [0xFF, 0xFE]
        raw += Array(" HTTP/1.1\r\n\r\n".utf8)
        guard case .failed(let error) = parser.parse(raw[...]) else {
            Issue.record("parsed invalid UTF-8")
            return
        }
        #expect(error.status == 400)
    }

    @Test("Responses carry their length and connection header")
    func response() {
        let response = HTTPResponse(status: 400, headers: [("Content-Type", "application/x-amz-json-1.0")], body: Array("{}".utf8))
        let text = String(decoding: response.serialized(keepsAlive: true), as: UTF8.self)
        #expect(
            text == "HTTP/1.1 400 Bad Request\r\nContent-Type: application/x-amz-json-1.0\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\n{}")
        let head = String(decoding: response.serialized(keepsAlive: false, includesBody: false), as: UTF8.self)
        #expect(head.hasSuffix("Connection: close\r\n\r\n"))
    }
}
