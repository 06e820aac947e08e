import Foundation
import StatesLanguage

/// Signs HTTP requests with AWS Signature Version 4, the scheme every AWS API checks.
///
/// The signer is pure: it reads the request and the date it is given, adds `X-Amz-Date`,
/// `X-Amz-Security-Token` (for temporary credentials), `X-Amz-Content-SHA256` (for S3) and
/// `Authorization`, and does no I/O. It follows AWS's "Create a signed AWS API request" steps:
/// canonical request, string to sign, signing key derived from the secret by HMAC-SHA-256
/// over day, region, service and `aws4_request`, and the signature.
///
/// ```swift
/// let signer = SigV4Signer(credentials: credentials, region: "us-east-1", service: "states")
/// var request = HTTPRequestParts(method: "POST", url: URL(string: "https://states.us-east-1.amazonaws.com/")!,
///                                headers: [("Content-Type", "application/x-amz-json-1.0")], body: body)
/// signer.sign(&request, date: clock.now)
/// ```
///
/// S3 differs from the other services in two ways the signer knows about: its canonical path
/// is neither normalised nor encoded a second time, and it requires `X-Amz-Content-SHA256`.
public struct SigV4Signer: Sendable {
    /// How the body enters the signature.
    public enum PayloadSigning: Sendable, Hashable {
        /// The SHA-256 of the body is signed (the default).
        case signed
        /// The literal `UNSIGNED-PAYLOAD` is signed instead, as S3 allows over HTTPS.
        case unsigned
    }

    /// The credentials that sign.
    public var credentials: AWSCredentials
    /// The region in the credential scope (`us-east-1`).
    public var region: String
    /// The signing name of the service in the credential scope (`states`, `lambda`, `s3`).
    public var service: String
    /// Whether the body is hashed into the signature.
    public var payloadSigning: PayloadSigning

    /// Creates a signer.
    ///
    /// - Parameters:
    ///   - credentials: the credentials that sign.
    ///   - region: the region of the endpoint.
    ///   - service: the service's signing name.
    ///   - payloadSigning: whether the body is hashed into the signature; `.signed` unless
    ///     sending to S3 over HTTPS without reading the body twice.
    public init(
        credentials: AWSCredentials, region: String, service: String, payloadSigning: PayloadSigning = .signed
    ) {
        self.credentials = credentials
        self.region = region
        self.service = service
        self.payloadSigning = payloadSigning
    }

    static let algorithm = "AWS4-HMAC-SHA256"

    /// Signs `request` in place for the instant `date`.
    ///
    /// Replaces any `Authorization`, `X-Amz-Date` and (with a session token)
    /// `X-Amz-Security-Token` header, adds `X-Amz-Content-SHA256` for S3 when absent, and
    /// signs every header except the hop-by-hop ones proxies rewrite (`User-Agent`,
    /// `Connection`, `Expect`, `Transfer-Encoding`…). The request must carry a `Host` header
    /// (``HTTPRequestParts/init(method:url:headers:body:)`` adds it).
    ///
    /// - Parameters:
    ///   - request: the request, changed only by the added headers.
    ///   - date: the signing time; AWS rejects signatures more than 5 minutes off its clock.
    public func sign(_ request: inout HTTPRequestParts, date: Date) {
        let timestamp = SigningTimestamp(date)
        request.removeHeaders(named: "Authorization")
        request.setHeader("X-Amz-Date", to: timestamp.dateTime)
        if let sessionToken = credentials.sessionToken {
            request.setHeader("X-Amz-Security-Token", to: sessionToken)
        }
        if usesS3Rules, request.headerValue(named: "x-amz-content-sha256") == nil {
            request.setHeader("X-Amz-Content-SHA256", to: payloadHash(for: request))
        }
        let headers = canonicalHeaders(of: request)
        let canonical = canonicalRequest(for: request, headers: headers, payloadHash: payloadHash(for: request))
        let signature = signature(canonicalRequest: canonical, timestamp: timestamp)
        let authorization =
            "\(Self.algorithm) Credential=\(credentials.accessKeyID)/\(credentialScope(timestamp)), "
            + "SignedHeaders=\(headers.signedNames), Signature=\(signature)"
        request.headers.append((name: "Authorization", value: authorization))
    }

    /// The canonical request of `request` as it stands, without adding any header: the text
    /// whose hash is signed (method, canonical URI, canonical query, canonical headers,
    /// signed header names and payload hash, one per line).
    ///
    /// - Parameter request: a request that already carries the headers to sign.
    /// - Returns: the canonical request, lines separated by `\n`.
    public func canonicalRequest(for request: HTTPRequestParts) -> String {
        canonicalRequest(for: request, headers: canonicalHeaders(of: request), payloadHash: payloadHash(for: request))
    }

    /// The string to sign for `request` at `date`: algorithm, timestamp, credential scope and
    /// the SHA-256 of the canonical request.
    ///
    /// - Parameters:
    ///   - request: a request that already carries the headers to sign.
    ///   - date: the signing time.
    /// - Returns: the string to sign, lines separated by `\n`.
    public func stringToSign(for request: HTTPRequestParts, date: Date) -> String {
        stringToSign(canonicalRequest: canonicalRequest(for: request), timestamp: SigningTimestamp(date))
    }

    /// The credential scope, `yyyyMMdd/region/service/aws4_request`.
    func credentialScope(_ timestamp: SigningTimestamp) -> String {
        "\(timestamp.day)/\(region)/\(service)/aws4_request"
    }

    func stringToSign(canonicalRequest: String, timestamp: SigningTimestamp) -> String {
        let hash = HashAlgorithm.sha256.digest(canonicalRequest.utf8).hexEncodedString
        return "\(Self.algorithm)\n\(timestamp.dateTime)\n\(credentialScope(timestamp))\n\(hash)"
    }

    func signature(canonicalRequest: String, timestamp: SigningTimestamp) -> String {
        let text = stringToSign(canonicalRequest: canonicalRequest, timestamp: timestamp)
        return HMAC(algorithm: .sha256, key: signingKey(day: timestamp.day))
            .authenticationCode(for: text.utf8).hexEncodedString
    }

    /// `HMAC(HMAC(HMAC(HMAC("AWS4" + secret, day), region), service), "aws4_request")`.
    func signingKey(day: String) -> [UInt8] {
        var key = Array("AWS4\(credentials.secretAccessKey)".utf8)
        for part in [day, region, service, "aws4_request"] {
            key = HMAC(algorithm: .sha256, key: key).authenticationCode(for: part.utf8)
        }
        return key
    }

    /// The hex SHA-256 of the body, `UNSIGNED-PAYLOAD`, or the `X-Amz-Content-SHA256` the
    /// caller set (S3's streaming modes put their own marker there).
    func payloadHash(for request: HTTPRequestParts) -> String {
        if let declared = request.headerValue(named: "x-amz-content-sha256") { return declared }
        switch payloadSigning {
        case .signed: return HashAlgorithm.sha256.digest(request.body).hexEncodedString
        case .unsigned: return "UNSIGNED-PAYLOAD"
        }
    }

    /// S3 (and its variants such as `s3-outposts`) sign the path encoded once and not normalised.
    var usesS3Rules: Bool { service == "s3" || service.hasPrefix("s3-") || service == "s3express" }
}
