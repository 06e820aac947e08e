import Foundation

/// Where a container's credentials come from: the endpoint ECS, CodeBuild or EKS Pod Identity
/// announce in `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` or `AWS_CONTAINER_CREDENTIALS_FULL_URI`.
///
/// The authorization token is never shown by `description`, `dump` or string interpolation.
public struct AWSContainerCredentials: Sendable, Hashable, CustomStringConvertible, CustomReflectable {
    /// The credentials endpoint.
    public var url: URL
    /// The `Authorization` header value (`AWS_CONTAINER_AUTHORIZATION_TOKEN` or the contents of
    /// `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE`), if any.
    public var authorizationToken: String?

    /// Creates settings.
    public init(url: URL, authorizationToken: String? = nil) {
        self.url = url
        self.authorizationToken = authorizationToken
    }

    /// The endpoint, without the token.
    public var description: String {
        "AWSContainerCredentials(url: \(url.absoluteString)\(authorizationToken == nil ? "" : ", authorizationToken: <redacted>"))"
    }

    /// A mirror for `dump` without the token.
    public var customMirror: Mirror {
        Mirror(
            self, children: [("url", url.absoluteString), ("authorizationToken", "<redacted>")], displayStyle: .struct)
    }
}

extension AWSConfiguration {
    /// The container credentials endpoint the environment announces, if any.
    ///
    /// A full URI must use HTTPS or point at a loopback or ECS/EKS link-local address, as the
    /// SDKs require.
    static func containerCredentials(_ environment: AWSEnvironment) throws(AWSConfigurationError)
        -> AWSContainerCredentials?
    {
        let url: URL
        if let relative = environment.value("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") {
            guard let resolved = URL(string: "http://169.254.170.2" + relative) else {
                throw AWSConfigurationError("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '\(relative)' is not a path.")
            }
            url = resolved
        } else if let full = environment.value("AWS_CONTAINER_CREDENTIALS_FULL_URI") {
            let allowedHosts = [
                "127.0.0.1", "localhost", "::1", "[::1]", "169.254.170.2", "169.254.170.23", "fd00:ec2::23",
            ]
            guard let resolved = URL(string: full), let host = resolved.host(),
                resolved.scheme == "https" || (resolved.scheme == "http" && allowedHosts.contains(host))
            else {
                throw AWSConfigurationError(
                    "AWS_CONTAINER_CREDENTIALS_FULL_URI: '\(full)' must use https or a loopback or link-local host.")
            }
            url = resolved
        } else {
            return nil
        }
        var token = environment.value("AWS_CONTAINER_AUTHORIZATION_TOKEN")
        if let file = environment.value("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE") {
            guard let text = environment.readFile(file) else {
                throw AWSConfigurationError("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: cannot read \(file).")
            }
            token = text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return AWSContainerCredentials(url: url, authorizationToken: token)
    }
}
