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
    /// A profile with `role_arn` and `source_profile` (or `credential_source = Environment`)
    /// gives the source's keys and ``AWSConfiguration/assumedRole``: the role is assumed through
    /// STS on first use. A profile with `sso_account_id` and `sso_role_name` (with `sso_session`
    /// or a legacy `sso_start_url`) gives ``AWSConfiguration/singleSignOn``: the token cached by
    /// `aws sso login` is exchanged for role credentials on first use. Failing all of those, the
    /// container endpoint in `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` / `_FULL_URI` (ECS,
    /// CodeBuild, EKS Pod Identity) gives ``AWSConfiguration/containerCredentials``, fetched on
    /// first use. A profile's `credential_process` runs on first use. Web
    /// identity, chained roles and instance metadata are not supported: a profile that relies on
    /// them fails with an error that says so.
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

        let sources = try resolveCredentials(
            environment: environment, useEnvironment: profile == nil, profile: name,
            credentialsSection: credentialsSection, configSection: configSection, configFile: configFile,
            credentialsFile: credentialsFile)

        guard
            let resolvedRegion = region ?? environment.value("AWS_REGION") ?? environment.value("AWS_DEFAULT_REGION")
                ?? configSection?["region"].flatMap({ $0.isEmpty ? nil : $0 })
        else {
            throw AWSConfigurationError(
                "No AWS region: pass one, set AWS_REGION or AWS_DEFAULT_REGION, or add 'region' to profile "
                    + "'\(name)' in \(environment.configFilePath).")
        }

        var configuration = AWSConfiguration(region: resolvedRegion, credentials: sources.credentials)
        configuration.assumedRole = sources.assumedRole
        configuration.singleSignOn = sources.singleSignOn
        configuration.containerCredentials = sources.container
        configuration.credentialProcess = sources.process
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

    private static func environmentCredentials(_ environment: AWSEnvironment) throws(AWSConfigurationError)
        -> AWSCredentials?
    {
        guard let keyID = environment.value("AWS_ACCESS_KEY_ID") else { return nil }
        guard let secret = environment.value("AWS_SECRET_ACCESS_KEY") else {
            throw AWSConfigurationError("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not.")
        }
        return AWSCredentials(
            accessKeyID: keyID, secretAccessKey: secret,
            sessionToken: environment.value("AWS_SESSION_TOKEN") ?? environment.value("AWS_SECURITY_TOKEN"))
    }

    /// The static keys of a profile: its credentials-file section, then its config-file section.
    private static func profileKeys(
        profile: String, sections: [(section: [String: String]?, file: String)]
    ) throws(AWSConfigurationError) -> AWSCredentials? {
        for (section, file) in sections {
            guard let section, let keyID = section["aws_access_key_id"], !keyID.isEmpty else { continue }
            guard let secret = section["aws_secret_access_key"], !secret.isEmpty else {
                throw AWSConfigurationError(
                    "Profile '\(profile)' in \(file) has aws_access_key_id but no aws_secret_access_key.")
            }
            // aws_security_token is the older spelling botocore still reads.
            let token = (section["aws_session_token"] ?? section["aws_security_token"]).flatMap {
                $0.isEmpty ? nil : $0
            }
            return AWSCredentials(accessKeyID: keyID, secretAccessKey: secret, sessionToken: token)
        }
        return nil
    }

    private static func resolveCredentials(
        environment: AWSEnvironment, useEnvironment: Bool, profile: String,
        credentialsSection: [String: String]?, configSection: [String: String]?,
        configFile: INIFile?, credentialsFile: INIFile?
    ) throws(AWSConfigurationError) -> CredentialSources {
        if useEnvironment, let credentials = try environmentCredentials(environment) {
            return CredentialSources(credentials: credentials)
        }
        let sections = [
            (credentialsSection, environment.credentialsFilePath), (configSection, environment.configFilePath),
        ]
        // As in the CLI, a profile's role_arn outranks keys stored under the same profile.
        if let roleARN = configSection?["role_arn"] ?? credentialsSection?["role_arn"], !roleARN.isEmpty {
            let setting = { (key: String) in configSection?[key] ?? credentialsSection?[key] }
            var role = AWSAssumedRole(roleARN: roleARN)
            role.sessionName = setting("role_session_name")
            role.externalID = setting("external_id")
            role.durationSeconds = setting("duration_seconds").flatMap { Int($0) }
            let source: AWSCredentials
            if let sourceProfile = setting("source_profile") {
                let sourceConfig = configFile?.sections[
                    sourceProfile == "default" ? "default" : "profile \(sourceProfile)"]
                let sourceCredentials = credentialsFile?.sections[sourceProfile]
                if sourceProfile != profile, sourceConfig?["role_arn"] ?? sourceCredentials?["role_arn"] != nil {
                    throw AWSConfigurationError(
                        "Profile '\(profile)' takes its credentials from '\(sourceProfile)', which assumes a role "
                            + "itself; chained roles are not supported.")
                }
                if let singleSignOn = try singleSignOn(
                    profile: sourceProfile, section: sourceConfig, configFile: configFile, environment: environment,
                    now: Date())
                {
                    return CredentialSources(assumedRole: role, singleSignOn: singleSignOn)
                }
                guard
                    let keys = try profileKeys(
                        profile: sourceProfile,
                        sections: [
                            (sourceCredentials, environment.credentialsFilePath),
                            (sourceConfig, environment.configFilePath),
                        ])
                else {
                    throw AWSConfigurationError(
                        "Profile '\(profile)' takes its credentials from '\(sourceProfile)', which has no "
                            + "aws_access_key_id and aws_secret_access_key.")
                }
                source = keys
            } else if setting("credential_source") == "Environment" {
                guard let keys = try environmentCredentials(environment) else {
                    throw AWSConfigurationError(
                        "Profile '\(profile)' uses credential_source = Environment, but AWS_ACCESS_KEY_ID is not set.")
                }
                source = keys
            } else if setting("credential_source") == "EcsContainer",
                let container = try containerCredentials(environment)
            {
                return CredentialSources(assumedRole: role, container: container)
            } else {
                throw AWSConfigurationError(
                    "Profile '\(profile)' has role_arn but neither source_profile nor credential_source = Environment "
                        + "or EcsContainer (instance metadata credentials are not supported).")
            }
            return CredentialSources(credentials: source, assumedRole: role)
        }
        if let singleSignOn = try singleSignOn(
            profile: profile, section: configSection, configFile: configFile, environment: environment, now: Date())
        {
            return CredentialSources(singleSignOn: singleSignOn)
        }
        if let keys = try profileKeys(profile: profile, sections: sections) {
            return CredentialSources(credentials: keys)
        }
        if let command = configSection?["credential_process"] ?? credentialsSection?["credential_process"],
            !command.isEmpty
        {
            return CredentialSources(process: command)
        }
        let unsupported = ["web_identity_token_file"]
            .filter { configSection?[$0] != nil || credentialsSection?[$0] != nil }
        if !unsupported.isEmpty {
            throw AWSConfigurationError(
                "Profile '\(profile)' uses \(unsupported.joined(separator: ", ")), which is not supported; "
                    + "export temporary credentials instead (for example `eval \"$(aws configure export-credentials "
                    + "--profile \(profile) --format env)\"`).")
        }
        if let container = try containerCredentials(environment) {
            return CredentialSources(container: container)
        }
        throw AWSConfigurationError(
            "No AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or add them to profile "
                + "'\(profile)' in \(environment.credentialsFilePath).")
    }
}

/// Where a configuration's signing credentials come from; the placeholder credentials of the
/// sources resolved on first use never sign.
private struct CredentialSources {
    var credentials = AWSCredentials(accessKeyID: "", secretAccessKey: "")
    var assumedRole: AWSAssumedRole?
    var singleSignOn: AWSSingleSignOn?
    var container: AWSContainerCredentials?
    var process: String?
}
