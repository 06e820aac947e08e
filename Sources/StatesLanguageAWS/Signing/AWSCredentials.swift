/// The access key that signs requests to AWS, with the session token of temporary credentials.
///
/// Printing, interpolating or dumping credentials never shows the secret key or the session
/// token, so they can be logged safely:
///
/// ```swift
/// let credentials = AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalr…")
/// print(credentials)  // AWSCredentials(accessKeyID: AKIDEXAMPLE, secretAccessKey: <redacted>)
/// ```
public struct AWSCredentials: Sendable, Hashable {
    /// The access key ID (`AKIA…` for long-term keys, `ASIA…` for temporary ones).
    public var accessKeyID: String
    /// The secret access key; only ever used to derive signing keys.
    public var secretAccessKey: String
    /// The session token of temporary credentials (from STS, an assumed role or SSO), sent as
    /// `X-Amz-Security-Token`; `nil` for long-term keys.
    public var sessionToken: String?

    /// Creates credentials.
    ///
    /// - Parameters:
    ///   - accessKeyID: the access key ID.
    ///   - secretAccessKey: the secret access key.
    ///   - sessionToken: the session token of temporary credentials, if any.
    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }
}

extension AWSCredentials: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The access key ID, with the secret and the token redacted.
    public var description: String {
        let token = sessionToken == nil ? "" : ", sessionToken: <redacted>"
        return "AWSCredentials(accessKeyID: \(accessKeyID), secretAccessKey: <redacted>\(token))"
    }

    /// Same as ``description``: the secret and the token stay redacted.
    public var debugDescription: String { description }

    /// A mirror for `dump` that shows the access key ID only.
    public var customMirror: Mirror {
        var children: [(label: String?, value: Any)] = [
            ("accessKeyID", accessKeyID), ("secretAccessKey", "<redacted>"),
        ]
        if sessionToken != nil { children.append(("sessionToken", "<redacted>")) }
        return Mirror(self, children: children, displayStyle: .struct)
    }
}
