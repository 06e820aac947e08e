import Foundation
import Testing

@testable import StatesLanguageAWS

/// The worked examples of AWS's documentation: S3's "Signature Calculations for the
/// Authorization Header" and "Authenticating Requests: Using Query Parameters" pages
/// (examplebucket, 2013-05-24) and the IAM `ListUsers` example of the SigV4 guide.
@Suite("SigV4 documented examples")
struct SigV4SignerTests {
    static let s3Credentials = AWSCredentials(
        accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
    )
    static let s3Signer = SigV4Signer(credentials: s3Credentials, region: "us-east-1", service: "s3")
    /// 2013-05-24T00:00:00Z.
    static let s3Date = Date(timeIntervalSince1970: 1_369_353_600)
    static let emptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    @Test("S3 GET Object with a Range header")
    func s3GetObject() throws {
        let url = try #require(URL(string: "https://examplebucket.s3.amazonaws.com/test.txt"))
        var request = HTTPRequestParts(method: "GET", url: url, headers: [("Range", "bytes=0-9")])
        Self.s3Signer.sign(&request, date: Self.s3Date)
        #expect(request.headerValue(named: "x-amz-content-sha256") == Self.emptyHash)
        #expect(request.headerValue(named: "x-amz-date") == "20130524T000000Z")
        #expect(
            request.headerValue(named: "Authorization")
                == "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
                + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
                + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"
        )
    }

    @Test("S3 PUT Object: '$' in the key is encoded once, the body is hashed")
    func s3PutObject() throws {
        let url = try #require(URL(string: "https://examplebucket.s3.amazonaws.com/test$file.text"))
        var request = HTTPRequestParts(
            method: "PUT",
            url: url,
            headers: [("Date", "Fri, 24 May 2013 00:00:00 GMT"), ("x-amz-storage-class", "REDUCED_REDUNDANCY")],
            body: Array("Welcome to Amazon S3.".utf8)
        )
        Self.s3Signer.sign(&request, date: Self.s3Date)
        let canonical = Self.s3Signer.canonicalRequest(for: request)
        #expect(canonical.hasPrefix("PUT\n/test%24file.text\n\n"))
        #expect(canonical.hasSuffix("\n44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072"))
        #expect(
            request.headerValue(named: "Authorization")
                == "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
                + "SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class, "
                + "Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd"
        )
    }

    @Test(
        "S3 bucket sub-resources and listing parameters",
        arguments: [
            ("?lifecycle", "lifecycle=", "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543"),
            (
                "?max-keys=2&prefix=J", "max-keys=2&prefix=J",
                "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7"
            ),
        ] as [(String, String, String)]
    )
    func s3BucketRequests(query: String, canonicalQuery: String, signature: String) throws {
        let url = try #require(URL(string: "https://examplebucket.s3.amazonaws.com/" + query))
        var request = HTTPRequestParts(method: "GET", url: url)
        Self.s3Signer.sign(&request, date: Self.s3Date)
        #expect(Self.s3Signer.canonicalRequest(for: request).hasPrefix("GET\n/\n\(canonicalQuery)\n"))
        #expect(request.headerValue(named: "Authorization")?.hasSuffix("Signature=\(signature)") == true)
    }

    @Test("S3 presigned GET Object URL valid for a day")
    func s3PresignedURL() throws {
        let url = try #require(URL(string: "https://examplebucket.s3.amazonaws.com/test.txt"))
        let request = HTTPRequestParts(method: "GET", url: url)
        let presigned = Self.s3Signer.presign(request, date: Self.s3Date, expiresIn: 86400)
        #expect(presigned.path == "/test.txt")
        #expect(
            presigned.query
                == "X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
                + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
                + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404"
        )
        #expect(presigned.headerValue(named: "Authorization") == nil)
    }

    @Test("IAM ListUsers: signing key and signature of the SigV4 guide")
    func iamListUsers() throws {
        let signer = SigV4Signer(credentials: SuiteCase.credentials, region: "us-east-1", service: "iam")
        #expect(
            signer.signingKey(day: "20150830").hexEncodedString
                == "c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9"
        )
        let url = try #require(URL(string: "https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08"))
        var request = HTTPRequestParts(
            method: "GET", url: url, headers: [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")]
        )
        signer.sign(&request, date: SuiteCase.date)
        #expect(
            request.headerValue(named: "Authorization")
                == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, "
                + "SignedHeaders=content-type;host;x-amz-date, "
                + "Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7"
        )
    }
}
