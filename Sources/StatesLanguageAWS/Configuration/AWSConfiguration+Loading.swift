import Foundation

extension AWSConfiguration {
    /// Loads region, credentials and endpoints the way the AWS CLI does.
    ///
    /// - Profile: `profile`, else `AWS_PROFILE`, else `AWS_DEFAULT_PROFILE`, else `default`.
    /// - Credentials: `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN` unless a
    ///   profile is passed explicitly (as `--profile` does); then the profile's
    ///   `aws_access_key_id`, `aws_secret_access_key` and `aws_session_token` in the credentials
    ///   file (`AWS_SHARED_CREDENTIALS_FILE`, `~/.aws/credentials`), then in the config file
    ///   (`AWS_CONFIG_FILE`, `~/.aws/config`, where profiles are `[profile name]`).
    /// - Region: `region`, else `AWS_REGION`, else `AWS_DEFAULT_REGION`, else the profile's `region`.
    /// - Endpoints: `endpointURL` (the CLI's `--endpoint-url`) for every service; otherwise
    ///   `AWS_ENDPOINT_URL_<SERVICE>`, then `AWS_ENDPOINT_URL`, then the profile's `services`
    ///   section and `endpoint_url`, unless `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` is `true`.
    ///
    /// Role assumption, SSO, `credential_process` and instance metadata are not supported:
    /// a profile that relies on them fails with an error that says so.
    ///
    /// - Parameters:
    ///   - environment: the variables and files to read; the process's by default.
    ///   - profile: the profile to use, as `--profile`.
    ///   - region: the region to use, as `--region`.
    ///   - endpointURL: the endpoint for every service, as `--endpoint-url`.
    /// - Returns: the configuration.
    /// - Throws: ``AWSConfigurationError`` when no region or no credentials are found, or the
    ///   named profile does not exist.
    public static func load(
        from environment: AWSEnvironment = .process, profile: String? = nil, region: String? = nil,
        endpointURL: URL? = nil
    ) throws(AWSConfigurationError) -> AWSConfiguration {
        let profileName = profile ?? environment.value("AWS_PROFILE") ?? environment.value("AWS_DEFAULT_PROFILE")
        let name = profileName ?? "default"
        let configFile = environment.readFile(environment.configFilePath).map(INIFile.init(parsing:))
        let credentialsFile = environment.readFile(environment.credentialsFilePath).map(INIFile.init(parsing:))
        let configSection =
            configFile?.sections[name == "default" ? "default" : "profile \(name)"]
            ?? (name == "default" ? nil : configFile?.sections[name])
        let credentialsSection = credentialsFile?.sections[name]
        if profileName != nil, configSection == nil, credentialsSection == nil {
            throw AWSConfigurationError(
                "The config profile (\(name)) could not be found in \(environment.configFilePath) "
                    + "or \(environment.credentialsFilePath).")
        }

        let credentials = try resolveCredentials(
            environment: environment, useEnvironment: profile == nil, profile: name,
            credentialsSection: credentialsSection, configSection: configSection)

        guard
            let resolvedRegion = region ?? environment.value("AWS_REGION") ?? environment.value("AWS_DEFAULT_REGION")
                ?? configSection?["region"].flatMap({ $0.isEmpty ? nil : $0 })
        else {
            throw AWSConfigurationError(
                "No AWS region: pass one, set AWS_REGION or AWS_DEFAULT_REGION, or add 'region' to profile "
                    + "'\(name)' in \(environment.configFilePath).")
        }

        var configuration = AWSConfiguration(region: resolvedRegion, credentials: credentials)
        configuration.profile = profileName
        if let endpointURL {
            configuration.endpointURL = endpointURL
            return configuration
        }
        if environment.value("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")?.lowercased() == "true" { return configuration }
        // Lowest precedence first, so later assignments win.
        if let text = configSection?["endpoint_url"] {
            configuration.endpointURL = try endpoint(text, from: "endpoint_url")
        }
        if let servicesName = configSection?["services"],
            let services = configFile?.sections["services \(servicesName)"]
        {
            for (key, value) in services where key.hasSuffix(".endpoint_url") {
                let service = String(key.dropLast(".endpoint_url".count)).uppercased().replacingOccurrences(
                    of: "-", with: "_")
                configuration.serviceEndpointURLs[service] = try endpoint(value, from: "services \(servicesName)")
            }
        }
        if let text = environment.value("AWS_ENDPOINT_URL") {
            configuration.endpointURL = try endpoint(text, from: "AWS_ENDPOINT_URL")
            configuration.serviceEndpointURLs = [:]  // the variable outranks the config file's services section
        }
        for (variable, text) in environment.variables where variable.hasPrefix("AWS_ENDPOINT_URL_") {
            guard !text.isEmpty else { continue }
            let service = String(variable.dropFirst("AWS_ENDPOINT_URL_".count))
            configuration.serviceEndpointURLs[service] = try endpoint(text, from: variable)
        }
        return configuration
    }

    private static func endpoint(_ text: String, from source: String) throws(AWSConfigurationError) -> URL {
        guard let url = URL(string: text), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil
        else { throw AWSConfigurationError("\(source): '\(text)' is not an http(s) URL.") }
        return url
    }

    private static func resolveCredentials(
        environment: AWSEnvironment, useEnvironment: Bool, profile: String,
        credentialsSection: [String: String]?, configSection: [String: String]?
    ) throws(AWSConfigurationError) -> AWSCredentials {
        if useEnvironment, let keyID = environment.value("AWS_ACCESS_KEY_ID") {
            guard let secret = environment.value("AWS_SECRET_ACCESS_KEY") else {
                throw AWSConfigurationError("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not.")
            }
            return AWSCredentials(
                accessKeyID: keyID, secretAccessKey: secret, sessionToken: environment.value("AWS_SESSION_TOKEN"))
        }
        for (section, file) in [
            (credentialsSection, environment.credentialsFilePath), (configSection, environment.configFilePath),
        ] {
            guard let section, let keyID = section["aws_access_key_id"], !keyID.isEmpty else { continue }
            guard let secret = section["aws_secret_access_key"], !secret.isEmpty else {
                throw AWSConfigurationError(
                    "Profile '\(profile)' in \(file) has aws_access_key_id but no aws_secret_access_key.")
            }
            let token = section["aws_session_token"].flatMap { $0.isEmpty ? nil : $0 }
            return AWSCredentials(accessKeyID: keyID, secretAccessKey: secret, sessionToken: token)
        }
        let unsupported = ["role_arn", "sso_session", "sso_start_url", "credential_process", "web_identity_token_file"]
            .filter { configSection?[$0] != nil || credentialsSection?[$0] != nil }
        if !unsupported.isEmpty {
            throw AWSConfigurationError(
                "Profile '\(profile)' uses \(unsupported.joined(separator: ", ")), which is not supported; "
                    + "export temporary credentials instead (for example `eval \"$(aws configure export-credentials "
                    + "--profile \(profile) --format env)\"`).")
        }
        throw AWSConfigurationError(
            "No AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or add them to profile "
                + "'\(profile)' in \(environment.credentialsFilePath).")
    }
}
