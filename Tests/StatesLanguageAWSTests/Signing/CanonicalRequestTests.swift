import Foundation
import Testing

@testable import StatesLanguageAWS

@Suite("SigV4 canonical request rules")
struct CanonicalRequestTests {
    static let credentials = AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "secret")
    static let s3 = SigV4Signer(credentials: credentials, region: "us-east-1", service: "s3")
    static let lambda = SigV4Signer(credentials: credentials, region: "us-east-1", service: "lambda")

    @Test(
        "S3 encodes the wire path once and keeps it as is; other services normalise and encode it again",
        arguments: [
            ("/my%20key/a+b", "/my%20key/a%2Bb", "/my%2520key/a%2Bb"),
            ("/a/./b/../c//d", "/a/./b/../c//d", "/a/c/d"),
            ("/photos/2024%2F01.jpg", "/photos/2024%2F01.jpg", "/photos/2024%252F01.jpg"),
            ("/%7euser/%e1%88%b4", "/%7Euser/%E1%88%B4", "/%257euser/%25e1%2588%25b4"),
            ("/test$file(1).txt", "/test%24file%281%29.txt", "/test%24file%281%29.txt"),
            ("/functions/", "/functions/", "/functions/"),
            ("", "/", "/"),
        ] as [(String, String, String)]
    )
    func pathEncoding(path: String, s3Path: String, otherPath: String) {
        #expect(Self.s3.canonicalURI(path: HTTPRequestParts(method: "GET", path: path).path) == s3Path)
        #expect(Self.lambda.canonicalURI(path: HTTPRequestParts(method: "GET", path: path).path) == otherPath)
    }

    @Test(
        "the query is decoded, re-encoded per RFC 3986 and sorted by name then value",
        arguments: [
            ("", ""),
            ("b=2&a=1&a=0", "a=0&a=1&b=2"),
            ("flag", "flag="),
            ("x=a+b", "x=a%2Bb"),
            ("x=%7e%2f%3D", "x=~%2F%3D"),
            ("x=a=b", "x=a%3Db"),
            ("q=hello world&Z=1", "Z=1&q=hello%20world"),
            ("a=1&&b=2", "a=1&b=2"),
            ("x=%zz", "x=%25zz"),
        ] as [(String, String)]
    )
    func queryEncoding(query: String, canonical: String) {
        #expect(Self.lambda.canonicalQuery(query) == canonical)
        #expect(Self.s3.canonicalQuery(query) == canonical)
    }

    @Test("header names are lower-cased and trimmed, values trimmed with inner whitespace collapsed")
    func headerNormalisation() {
        let request = HTTPRequestParts(
            method: "GET",
            path: "/",
            headers: [
                ("Host", "example.com"), ("  X-Custom ", "\t a \t\t b  c "), ("x-custom", "second"),
                ("User-Agent", "curl/8"), ("Connection", "keep-alive"), ("X-Amzn-Trace-Id", "Root=1"),
            ]
        )
        let headers = Self.lambda.canonicalHeaders(of: request)
        #expect(headers.lines == "host:example.com\nx-custom:a b c,second\n")
        #expect(headers.signedNames == "host;x-custom")
    }

    @Test("temporary credentials add X-Amz-Security-Token and sign it")
    func sessionToken() {
        var credentials = Self.credentials
        credentials.sessionToken = "token/with+chars=="
        let signer = SigV4Signer(credentials: credentials, region: "eu-west-1", service: "states")
        var request = HTTPRequestParts(method: "POST", path: "/", headers: [("Host", "states.eu-west-1.amazonaws.com")])
        signer.sign(&request, date: SuiteCase.date)
        #expect(request.headerValue(named: "X-Amz-Security-Token") == "token/with+chars==")
        let authorization = request.headerValue(named: "Authorization") ?? ""
        #expect(authorization.contains("SignedHeaders=host;x-amz-date;x-amz-security-token,"))
        #expect(request.headerValue(named: "X-Amz-Content-SHA256") == nil)
    }

    @Test("signing again replaces Authorization and X-Amz-Date instead of adding more")
    func resigning() {
        var request = HTTPRequestParts(method: "GET", path: "/", headers: [("Host", "lambda.us-east-1.amazonaws.com")])
        Self.lambda.sign(&request, date: SuiteCase.date)
        let first = request.headerValue(named: "Authorization")
        Self.lambda.sign(&request, date: SuiteCase.date.addingTimeInterval(60))
        #expect(request.headers.filter { $0.name.lowercased() == "authorization" }.count == 1)
        #expect(request.headers.filter { $0.name.lowercased() == "x-amz-date" }.count == 1)
        #expect(request.headerValue(named: "X-Amz-Date") == "20150830T123700Z")
        #expect(request.headerValue(named: "Authorization") != first)
    }

    @Test("S3 with UNSIGNED-PAYLOAD declares and signs the literal instead of the body's hash")
    func unsignedPayload() {
        var signer = Self.s3
        signer.payloadSigning = .unsigned
        var request = HTTPRequestParts(
            method: "PUT", path: "/key", headers: [("Host", "bucket.s3.amazonaws.com")], body: Array("data".utf8)
        )
        signer.sign(&request, date: SuiteCase.date)
        #expect(request.headerValue(named: "x-amz-content-sha256") == "UNSIGNED-PAYLOAD")
        #expect(signer.canonicalRequest(for: request).hasSuffix("\nUNSIGNED-PAYLOAD"))
    }

    @Test("a declared X-Amz-Content-SHA256 is the payload hash, as S3's streaming uploads need")
    func declaredPayloadHash() {
        let request = HTTPRequestParts(
            method: "PUT",
            path: "/key",
            headers: [
                ("Host", "bucket.s3.amazonaws.com"), ("X-Amz-Content-SHA256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER"),
            ]
        )
        #expect(Self.s3.canonicalRequest(for: request).hasSuffix("\nSTREAMING-UNSIGNED-PAYLOAD-TRAILER"))
    }

    @Test("a non-S3 body is hashed into the payload line")
    func signedPayload() {
        let request = HTTPRequestParts(method: "POST", path: "/", headers: [("Host", "h")], body: Array("{}".utf8))
        #expect(
            Self.lambda.canonicalRequest(for: request)
                .hasSuffix("\n44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a")
        )
    }

    @Test("presigning keeps the original query first and signs the session token")
    func presignWithToken() {
        var credentials = Self.credentials
        credentials.sessionToken = "a/b+c"
        let signer = SigV4Signer(credentials: credentials, region: "us-east-1", service: "s3")
        let request = HTTPRequestParts(
            method: "GET", path: "/key", query: "versionId=3", headers: [("Host", "bucket.s3.amazonaws.com")]
        )
        let presigned = signer.presign(request, date: SuiteCase.date, expiresIn: 60)
        #expect(presigned.query.hasPrefix("versionId=3&X-Amz-Algorithm=AWS4-HMAC-SHA256&"))
        #expect(presigned.query.contains("&X-Amz-Expires=60&X-Amz-SignedHeaders=host&X-Amz-Security-Token=a%2Fb%2Bc&"))
        let signature = presigned.query.split(separator: "&").last
        #expect(signature?.hasPrefix("X-Amz-Signature=") == true)
        #expect(signature?.count == "X-Amz-Signature=".count + 64)
    }
}
