import Foundation

/// Region, credentials and endpoints for calling AWS, resolved as the AWS CLI resolves them.
///
/// Build one by hand, or load it from the environment and the shared files with
/// ``load(from:profile:region:endpointURL:)``:
///
/// ```swift
/// let configuration = try AWSConfiguration.load(profile: "ops")
/// var registry = TaskRegistry()
/// registry.registerAWSIntegrations(configuration)
/// ```
///
/// Printing a configuration shows the access key ID only, never the secret or the session token.
public struct AWSConfiguration: Sendable, CustomStringConvertible {
    /// The region requests go to (`us-east-1`).
    public var region: String
    /// The credentials that sign requests.
    public var credentials: AWSCredentials
    /// An endpoint for every service, as the CLI's `--endpoint-url` or `AWS_ENDPOINT_URL`.
    public var endpointURL: URL?
    /// Endpoints for single services, keyed by the service's environment-variable suffix
    /// (`EC2`, `ELASTIC_LOAD_BALANCING_V2`, `SFN`), as `AWS_ENDPOINT_URL_<SERVICE>`.
    public var serviceEndpointURLs: [String: URL]
    /// The profile the settings came from, if any.
    public var profile: String?
    /// A role to assume with ``credentials`` before calling services (a profile's `role_arn`);
    /// its temporary credentials then sign every call and are renewed before they expire.
    public var assumedRole: AWSAssumedRole?
    /// IAM Identity Center settings (an SSO profile): the portal's role credentials sign every
    /// call, and ``credentials`` are not used.
    public var singleSignOn: AWSSingleSignOn?
    /// A container credentials endpoint (ECS, CodeBuild, EKS Pod Identity): its credentials sign
    /// every call, and ``credentials`` are not used.
    public var containerCredentials: AWSContainerCredentials?
    /// A profile's `credential_process` command line, run through `/bin/sh` on first use (and again
    /// when what it printed expires); ``credentials`` are not used.
    public var credentialProcess: String?

    /// Creates a configuration.
    ///
    /// - Parameters:
    ///   - region: the region.
    ///   - credentials: the credentials.
    ///   - endpointURL: an endpoint for every service (a local emulator), if any.
    ///   - serviceEndpointURLs: endpoints for single services, by `AWS_ENDPOINT_URL_<SERVICE>` suffix.
    public init(
        region: String, credentials: AWSCredentials, endpointURL: URL? = nil, serviceEndpointURLs: [String: URL] = [:]
    ) {
        self.region = region
        self.credentials = credentials
        self.endpointURL = endpointURL
        self.serviceEndpointURLs = serviceEndpointURLs
    }

    /// The region, endpoints and access key ID; secrets are redacted.
    public var description: String {
        var parts = ["region: \(region)", "credentials: \(credentials)"]
        if let profile { parts.append("profile: \(profile)") }
        if let assumedRole { parts.append("assumedRole: \(assumedRole.roleARN)") }
        if credentialProcess != nil { parts.append("credentialProcess: <set>") }
        if let containerCredentials { parts.append("containerCredentials: \(containerCredentials.url.absoluteString)") }
        if let singleSignOn { parts.append("singleSignOn: \(singleSignOn.accountID)/\(singleSignOn.roleName)") }
        if let endpointURL { parts.append("endpointURL: \(endpointURL.absoluteString)") }
        for (service, url) in serviceEndpointURLs.sorted(by: { $0.key < $1.key }) {
            parts.append("endpoint[\(service)]: \(url.absoluteString)")
        }
        return "AWSConfiguration(\(parts.joined(separator: ", ")))"
    }

    /// The environment-variable suffix for a service id: upper case, spaces and dashes as
    /// underscores (`Elastic Load Balancing v2` → `ELASTIC_LOAD_BALANCING_V2`).
    public static func endpointVariableSuffix(forServiceID serviceID: String) -> String {
        String(serviceID.uppercased().map { $0 == " " || $0 == "-" ? "_" : $0 })
    }

    /// The endpoint configured for a service, if any: a per-service endpoint first, then the
    /// one for every service.
    ///
    /// - Parameter serviceID: the SDK service id (`EC2`, `SFN`).
    /// - Returns: the endpoint, or `nil` to use AWS's.
    public func configuredEndpoint(forServiceID serviceID: String) -> URL? {
        serviceEndpointURLs[Self.endpointVariableSuffix(forServiceID: serviceID)] ?? endpointURL
    }
}
