import Foundation
import Testing

@testable import StatesLanguageAWS

@Suite("SigV4 against AWS's test suite")
struct SigV4TestSuiteTests {
    @Test("canonical request matches the suite's .creq", arguments: suiteCases)
    func canonicalRequest(testCase: SuiteCase) throws {
        let request = try HTTPRequestParts(suiteRequest: testCase.request)
        #expect(signer(for: testCase).canonicalRequest(for: request) == testCase.canonicalRequest)
    }

    @Test("string to sign matches the suite's .sts", arguments: suiteCases)
    func stringToSign(testCase: SuiteCase) throws {
        let request = try HTTPRequestParts(suiteRequest: testCase.request)
        let expected = """
            AWS4-HMAC-SHA256
            20150830T123600Z
            20150830/us-east-1/service/aws4_request
            \(testCase.stringToSignHash)
            """
        #expect(signer(for: testCase).stringToSign(for: request, date: SuiteCase.date) == expected)
    }

    @Test("signing adds the suite's .authz Authorization header", arguments: suiteCases)
    func authorization(testCase: SuiteCase) throws {
        var request = try HTTPRequestParts(suiteRequest: testCase.request)
        signer(for: testCase).sign(&request, date: SuiteCase.date)
        let signedHeaders = try #require(testCase.canonicalRequest.split(separator: "\n").dropLast().last)
        let expected =
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
            + "SignedHeaders=\(signedHeaders), Signature=\(testCase.signature)"
        #expect(request.headerValue(named: "Authorization") == expected)
        #expect(request.headers.filter { $0.name.lowercased() == "authorization" }.count == 1)
        #expect(request.headerValue(named: "X-Amz-Date") == "20150830T123600Z")
    }

    private func signer(for testCase: SuiteCase) -> SigV4Signer {
        var credentials = SuiteCase.credentials
        if testCase.name.hasPrefix("post-sts-token/") { credentials.sessionToken = sessionToken }
        return SigV4Signer(credentials: credentials, region: "us-east-1", service: "service")
    }
}

extension HTTPRequestParts {
    /// Reads a request in the suite's `.req` form: request line, `Name:value` lines, a blank
    /// line and the body. The target is taken verbatim, spaces and non-ASCII included.
    init(suiteRequest text: String) throws {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)[...]
        let requestLine = try #require(lines.first)
        lines = lines.dropFirst()
        let method = try #require(requestLine.split(separator: " ").first)
        let target = try #require(requestLine.dropFirst(method.count + 1).wholeMatch(of: /(.*) HTTP\/1\.1/)).1
        var headers: [(name: String, value: String)] = []
        while let line = lines.popFirst(), !line.isEmpty {
            let colon = try #require(line.firstIndex(of: ":"))
            headers.append((String(line[..<colon]), String(line[line.index(after: colon)...])))
        }
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        self.init(
            method: String(method),
            path: String(parts[0]),
            query: parts.count > 1 ? String(parts[1]) : "",
            headers: headers,
            body: Array(lines.joined(separator: "\n").utf8)
        )
    }
}
