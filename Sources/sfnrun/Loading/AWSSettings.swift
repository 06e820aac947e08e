import Foundation
import StatesLanguageAWS

/// Where AWS calls go and with which credentials: `--profile`, `--region`, `--endpoint-url`, and the
/// environment (`AWS_PROFILE`, `AWS_REGION`, keys, `~/.aws`), as the AWS CLI reads them.
struct AWSSettings: Sendable {
    var profile: String?
    var region: String?
    var endpointURL: URL?
    /// The environment variables to read (the terminal's); files are read from disk.
    var environment: [String: String] = ProcessInfo.processInfo.environment
    /// Sends the requests; tests replace it.
    var httpClient: any HTTPClient = URLSessionHTTPClient()

    /// The options every command that reaches AWS takes.
    static let options: [OptionSpec] = [
        .value("profile", "<name>", help: "The AWS profile (default: AWS_PROFILE or default)."),
        .value("region", "<region>", help: "The AWS region (default: AWS_REGION or the profile's)."),
        .value("endpoint-url", "<url>", help: "Send AWS calls to this endpoint (a local moto server, say)."),
    ]

    /// Reads `--profile`, `--region` and `--endpoint-url`.
    ///
    /// - Throws: ``UsageError`` for an endpoint that is not an http(s) URL.
    init(_ parsed: ParsedArguments) throws(UsageError) {
        profile = parsed.value("profile")
        region = parsed.value("region")
        if let text = parsed.value("endpoint-url") {
            guard let url = URL(string: text), url.scheme == "http" || url.scheme == "https", url.host != nil else {
                throw UsageError("invalid value '\(text)' for '--endpoint-url' (expected a URL like http://127.0.0.1:5000)")
            }
            endpointURL = url
        }
    }

    init(profile: String? = nil, region: String? = nil, endpointURL: URL? = nil) {
        self.profile = profile
        self.region = region
        self.endpointURL = endpointURL
    }

    /// The settings with the terminal's environment.
    func reading(_ io: any TerminalIO) -> AWSSettings {
        var copy = self
        copy.environment = io.environment
        return copy
    }

    /// The configuration, resolved as the AWS CLI resolves it.
    ///
    /// - Throws: ``AWSConfigurationError`` when no region or credentials are found.
    func configuration() throws(AWSConfigurationError) -> AWSConfiguration {
        let variables = environment
        let home = variables["HOME"] ?? FileManager.default.homeDirectoryForCurrentUser.path
        let source = AWSEnvironment(variables: variables, homeDirectory: home) { path in
            try? String(contentsOfFile: path, encoding: .utf8)
        }
        return try AWSConfiguration.load(from: source, profile: profile, region: region, endpointURL: endpointURL)
    }

    /// A Step Functions client for these settings.
    ///
    /// - Throws: ``CommandFailure`` (exit 2) when the configuration cannot be loaded.
    func stepFunctions() throws(CommandFailure) -> StepFunctionsClient {
        do {
            return StepFunctionsClient(configuration: try configuration(), httpClient: httpClient)
        } catch {
            throw CommandFailure("error: AWS configuration: \(error.message)")
        }
    }
}
