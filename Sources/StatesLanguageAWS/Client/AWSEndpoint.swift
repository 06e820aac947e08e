import Foundation

/// Where a service's requests go and how they are signed.
struct AWSEndpoint: Sendable {
    /// Scheme, host, port and base path (no trailing `/`).
    var baseURL: URL
    var signingRegion: String

    /// The endpoint for `model` under `configuration`: a configured one first, then a global
    /// endpoint (CloudFront, signed for `us-east-1`), then `https://<prefix>.<region>.amazonaws.com`.
    static func resolve(_ model: ServiceModel, configuration: AWSConfiguration) -> AWSEndpoint {
        if let url = configuration.configuredEndpoint(forServiceID: model.serviceID) {
            return AWSEndpoint(baseURL: url, signingRegion: configuration.region)
        }
        let region = configuration.region
        if model.name == "cloudfront", let global = model.globalEndpoint, let url = URL(string: "https://\(global)") {
            return AWSEndpoint(baseURL: url, signingRegion: "us-east-1")
        }
        let suffix = region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
        // The host is made of the model's prefix and the configured region, both plain names.
        let url =
            URL(string: "https://\(model.endpointPrefix).\(region).\(suffix)")
            ?? URL(fileURLWithPath: "/")
        return AWSEndpoint(baseURL: url, signingRegion: region)
    }

    /// The base path without a trailing slash (`""` for most endpoints).
    var basePath: String {
        var path = baseURL.path(percentEncoded: true)
        while path.hasSuffix("/") { path.removeLast() }
        return path
    }

    /// `scheme://host[:port]`.
    var origin: String {
        let port = baseURL.port.map { ":\($0)" } ?? ""
        return "\(baseURL.scheme ?? "https")://\(baseURL.host(percentEncoded: true) ?? "")\(port)"
    }
}
