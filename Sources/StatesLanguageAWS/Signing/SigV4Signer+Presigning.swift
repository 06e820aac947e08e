import Foundation

extension SigV4Signer {
    /// A copy of `request` signed in its query string instead of its headers (a presigned
    /// URL), usable by anyone holding it until it expires.
    ///
    /// Adds `X-Amz-Algorithm`, `X-Amz-Credential`, `X-Amz-Date`, `X-Amz-Expires`,
    /// `X-Amz-SignedHeaders`, `X-Amz-Security-Token` (for temporary credentials) and finally
    /// `X-Amz-Signature` to the query. The headers the request carries (at least `Host`) are
    /// signed and must be sent with it. For S3 the payload is `UNSIGNED-PAYLOAD`, as S3's
    /// query-string authentication requires.
    ///
    /// ```swift
    /// let url = URL(string: "https://examplebucket.s3.amazonaws.com/test.txt")!
    /// let presigned = signer.presign(HTTPRequestParts(method: "GET", url: url), date: .now, expiresIn: 3600)
    /// // "https://examplebucket.s3.amazonaws.com" + presigned.target
    /// ```
    ///
    /// - Parameters:
    ///   - request: the request to authorise.
    ///   - date: the signing time.
    ///   - seconds: the validity, which AWS accepts from 1 to 604800 (7 days).
    /// - Returns: the request with the authentication parameters appended to its query.
    public func presign(_ request: HTTPRequestParts, date: Date, expiresIn seconds: Int) -> HTTPRequestParts {
        let timestamp = SigningTimestamp(date)
        var presigned = request
        presigned.removeHeaders(named: "Authorization")
        let headers = canonicalHeaders(of: presigned)
        var parameters: [(String, String)] = [
            ("X-Amz-Algorithm", Self.algorithm),
            ("X-Amz-Credential", "\(credentials.accessKeyID)/\(credentialScope(timestamp))"),
            ("X-Amz-Date", timestamp.dateTime),
            ("X-Amz-Expires", String(seconds)),
            ("X-Amz-SignedHeaders", headers.signedNames),
        ]
        if let sessionToken = credentials.sessionToken {
            parameters.append(("X-Amz-Security-Token", sessionToken))
        }
        let authentication = parameters.map { "\(PercentEncoding.encode($0))=\(PercentEncoding.encode($1))" }
        presigned.query = ([presigned.query].filter { !$0.isEmpty } + authentication).joined(separator: "&")
        let payloadHash = usesS3Rules ? "UNSIGNED-PAYLOAD" : payloadHash(for: presigned)
        let canonical = canonicalRequest(for: presigned, headers: headers, payloadHash: payloadHash)
        presigned.query += "&X-Amz-Signature=" + signature(canonicalRequest: canonical, timestamp: timestamp)
        return presigned
    }
}
