import Foundation
import StatesLanguage

/// Where a service's requests go and how they are signed.
struct AWSEndpoint: Sendable {
    /// Scheme, host, port and base path (no trailing `/`).
    var baseURL: URL
    var signingRegion: String

    /// The endpoint for `model` under `configuration`: a configured one first, then a global
    /// endpoint (CloudFront, IAM, Route 53: signed for `us-east-1`), then
    /// `https://<prefix>.<region>.amazonaws.com`.
    static func resolve(_ model: ServiceModel, configuration: AWSConfiguration) -> AWSEndpoint {
        if let url = configuration.configuredEndpoint(forServiceID: model.serviceID) {
            return AWSEndpoint(baseURL: url, signingRegion: configuration.region)
        }
        let region = configuration.region
        let suffix = region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
        // Global services (CloudFront, IAM, Route 53) have one endpoint, signed for us-east-1; S3 and
        // STS also have regional ones, which the SDKs use.
        if suffix == "amazonaws.com", model.name != "s3", model.name != "sts", let global = model.globalEndpoint,
            let url = URL(string: "https://\(global)")
        {
            return AWSEndpoint(baseURL: url, signingRegion: "us-east-1")
        }
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

    /// This endpoint with the operation's host prefix in front of AWS's host, its `{Member}` labels
    /// filled from the input; a configured endpoint (a local emulator) is left as it is.
    func prefixed(
        for operation: ServiceModel.Operation, input: JSONValue, model: ServiceModel, configuration: AWSConfiguration
    ) throws(AWSRequestError) -> AWSEndpoint {
        guard let template = operation.hostPrefix,
            configuration.configuredEndpoint(forServiceID: model.serviceID) == nil, let host = baseURL.host()
        else { return self }
        var prefix = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            prefix += rest[..<open]
            let member = String(rest[rest.index(after: open)..<close])
            let value = input[ShapeFieldNames.fieldName(forMember: member)] ?? input[member]
            // A label becomes part of a host name: letters, digits and hyphens only.
            guard let text = value?.stringValue, !text.isEmpty,
                text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
            else {
                throw AWSRequestError(
                    "Parameters.\(ShapeFieldNames.fieldName(forMember: member)) must be given as a host name label: it names the host")
            }
            prefix += text
            rest = rest[rest.index(after: close)...]
        }
        prefix += rest
        guard let url = URL(string: "\(baseURL.scheme ?? "https")://\(prefix)\(host)\(basePath)") else { return self }
        return AWSEndpoint(baseURL: url, signingRegion: signingRegion)
    }

    /// `scheme://host[:port]`.
    var origin: String {
        let port = baseURL.port.map { ":\($0)" } ?? ""
        return "\(baseURL.scheme ?? "https")://\(baseURL.host(percentEncoded: true) ?? "")\(port)"
    }
}
