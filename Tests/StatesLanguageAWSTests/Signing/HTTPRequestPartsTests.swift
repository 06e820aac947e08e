import Foundation
import Testing

@testable import StatesLanguageAWS

@Suite("HTTPRequestParts")
struct HTTPRequestPartsTests {
    @Test("a URL gives the encoded path and query and a Host header with its explicit port")
    func fromURL() throws {
        let url = try #require(URL(string: "http://localhost:8083/a%20b/c?x=1&y=%2F"))
        let request = HTTPRequestParts(method: "GET", url: url)
        #expect(request.path == "/a%20b/c")
        #expect(request.query == "x=1&y=%2F")
        #expect(request.target == "/a%20b/c?x=1&y=%2F")
        #expect(request.headerValue(named: "host") == "localhost:8083")
    }

    @Test("a Host header given by the caller is kept, and an empty path becomes /")
    func explicitHost() throws {
        let url = try #require(URL(string: "https://states.us-east-1.amazonaws.com"))
        let request = HTTPRequestParts(method: "POST", url: url, headers: [("host", "proxy.example")])
        #expect(request.path == "/")
        #expect(request.target == "/")
        #expect(request.headers.count == 1)
        #expect(request.headerValue(named: "Host") == "proxy.example")
    }

    @Test("setHeader replaces every field of that name, ignoring case")
    func settingHeaders() {
        var request = HTTPRequestParts(method: "GET", path: "/", headers: [("X-A", "1"), ("x-a", "2"), ("X-B", "3")])
        request.setHeader("X-A", to: "4")
        #expect(request.headers.map(\.name) == ["X-B", "X-A"])
        #expect(request.headerValue(named: "x-a") == "4")
        request.removeHeaders(named: "X-b")
        #expect(request.headers.count == 1)
    }
}
