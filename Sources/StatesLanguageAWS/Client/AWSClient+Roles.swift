import Foundation
import StatesLanguage

extension AWSClient {
    /// Temporary credentials for `role`, from STS `AssumeRole` signed by this client.
    ///
    /// - Throws: `Sts.<Exception>` when STS refuses, as the Task's own errors would be.
    package func assumeRole(_ role: AWSAssumedRole) async throws -> (credentials: AWSCredentials, expiration: Date) {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+=,.@-_")
        var parameters: JSONObject = [
            "RoleArn": .string(role.roleARN),
            "RoleSessionName": .string(
                String((role.sessionName ?? "sfnrun").filter { allowed.contains($0) }.prefix(64))),
        ]
        if let externalID = role.externalID { parameters["ExternalId"] = .string(externalID) }
        if let duration = role.durationSeconds { parameters["DurationSeconds"] = .integer(duration) }
        var plain = self
        plain.configuration.clearCredentialSources()
        let output = try await plain.call(service: "sts", action: "assumeRole", parameters: .object(parameters))
        guard let keyID = output["Credentials"]?["AccessKeyId"]?.stringValue,
            let secret = output["Credentials"]?["SecretAccessKey"]?.stringValue
        else {
            throw StatesError(.taskFailed, cause: "STS AssumeRole for \(role.roleARN) returned no credentials.")
        }
        let credentials = AWSCredentials(
            accessKeyID: keyID, secretAccessKey: secret,
            sessionToken: output["Credentials"]?["SessionToken"]?.stringValue)
        let expiration =
            output["Credentials"]?["Expiration"]?.stringValue.flatMap(AWSTimestamp.date(fromText:))
            ?? currentDate().addingTimeInterval(900)
        return (credentials, expiration)
    }

    /// The same client signing with temporary credentials for `roleARN`.
    package func assumingRole(_ roleARN: String, sessionName: String) async throws -> AWSClient {
        var role = AWSAssumedRole(roleARN: roleARN)
        role.sessionName = sessionName
        let base = try await resolvingProfileRole()
        var copy = base
        copy.configuration.credentials = try await base.assumeRole(role).credentials
        return copy
    }

    /// This client with the profile's credentials resolved: the SSO portal's role credentials
    /// (``AWSConfiguration/singleSignOn``) and the profile's role
    /// (``AWSConfiguration/assumedRole``), from the shared cache while they are fresh.
    package func resolvingProfileRole() async throws -> AWSClient {
        guard configuration.needsResolving else { return self }
        let base = self
        var resolved = self
        resolved.configuration.clearCredentialSources()
        resolved.configuration.credentials = try await roleCache.credentials(now: currentDate()) {
            var source = base
            source.configuration.clearCredentialSources()
            var fetched = (credentials: base.configuration.credentials, expiration: Date.distantFuture)
            if let singleSignOn = base.configuration.singleSignOn {
                fetched = try await source.singleSignOnCredentials(singleSignOn)
            } else if let container = base.configuration.containerCredentials {
                fetched = try await source.containerCredentials(container)
            } else if let command = base.configuration.credentialProcess {
                fetched = try await CredentialProcess.credentials(running: command, now: base.currentDate())
            }
            guard let role = base.configuration.assumedRole else { return fetched }
            source.configuration.credentials = fetched.credentials
            return try await source.assumeRole(role)
        }
        return resolved
    }

    /// Credentials from a container endpoint (`{"AccessKeyId", "SecretAccessKey", "Token", "Expiration"}`).
    func containerCredentials(_ settings: AWSContainerCredentials) async throws -> (
        credentials: AWSCredentials, expiration: Date
    ) {
        var headers: [(name: String, value: String)] = []
        if let token = settings.authorizationToken { headers.append(("Authorization", token)) }
        let response = try await httpClient.send(HTTPRequest(method: "GET", url: settings.url, headers: headers))
        let body = try? JSONValue(parsing: response.body)
        guard (200..<300).contains(response.statusCode), let keyID = body?["AccessKeyId"]?.stringValue,
            let secret = body?["SecretAccessKey"]?.stringValue
        else {
            throw StatesError(
                .taskFailed,
                cause:
                    "The container credentials endpoint \(settings.url.absoluteString) answered \(response.statusCode) "
                    + "without credentials.")
        }
        let expiration =
            body?["Expiration"]?.stringValue.flatMap(AWSTimestamp.date(fromText:))
            ?? currentDate().addingTimeInterval(900)
        return (
            AWSCredentials(accessKeyID: keyID, secretAccessKey: secret, sessionToken: body?["Token"]?.stringValue),
            expiration
        )
    }

    /// Role credentials from the IAM Identity Center portal (`GetRoleCredentials`, authorised by
    /// the cached access token rather than a signature).
    func singleSignOnCredentials(_ settings: AWSSingleSignOn) async throws -> (
        credentials: AWSCredentials, expiration: Date
    ) {
        var components = URLComponents()
        components.scheme = "https"
        components.host = "portal.sso.\(settings.region).amazonaws.com"
        components.path = "/federation/credentials"
        components.queryItems = [
            URLQueryItem(name: "account_id", value: settings.accountID),
            URLQueryItem(name: "role_name", value: settings.roleName),
        ]
        if let configured = configuration.serviceEndpointURLs["SSO"] {
            components.scheme = configured.scheme
            components.host = configured.host()
            components.port = configured.port
        }
        guard let url = components.url else {
            throw StatesError(.taskFailed, cause: "Cannot form the SSO portal URL for region \(settings.region).")
        }
        let response = try await httpClient.send(
            HTTPRequest(method: "GET", url: url, headers: [("x-amz-sso_bearer_token", settings.accessToken)]))
        let body = try? JSONValue(parsing: response.body)
        guard (200..<300).contains(response.statusCode), let role = body?["roleCredentials"],
            let keyID = role["accessKeyId"]?.stringValue, let secret = role["secretAccessKey"]?.stringValue
        else {
            let message =
                body?["message"]?.stringValue ?? body?["Message"]?.stringValue ?? "status \(response.statusCode)"
            throw StatesError(
                "Sso.SsoException",
                cause: "IAM Identity Center refused role credentials for \(settings.accountID)/\(settings.roleName): "
                    + "\(message); run `aws sso login`.")
        }
        let expiration =
            role["expiration"]?.doubleValue.map { Date(timeIntervalSince1970: $0 / 1000) }
            ?? currentDate().addingTimeInterval(900)
        return (
            AWSCredentials(
                accessKeyID: keyID, secretAccessKey: secret, sessionToken: role["sessionToken"]?.stringValue),
            expiration
        )
    }

    /// The client for a Task: this one, or one for the role named in the state's `Credentials`
    /// field (`{"RoleArn": "…"}` or `{"RoleArn.$": "<path>"}`), as Step Functions assumes it for
    /// that task only.
    ///
    /// The engine passes `Credentials` unevaluated; a `RoleArn.$` path is read from the
    /// context object for `$$` paths and from the effective input (after `Parameters`) otherwise.
    /// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-access-cross-acct-resources.html
    package func forTask(_ request: TaskRequest) async throws -> AWSClient {
        guard let credentials = request.credentials else { return self }
        var roleARN = credentials["RoleArn"]?.stringValue
        if roleARN == nil, let pathText = credentials["RoleArn.$"]?.stringValue {
            let path: ReferencePath
            do {
                path = try ReferencePath(pathText)
            } catch {
                throw StatesError(.runtime, cause: "Credentials.RoleArn.$: \(error)")
            }
            roleARN = path.value(in: path.isContextPath ? request.context : request.input)?.stringValue
            if roleARN == nil {
                throw StatesError(
                    .runtime,
                    cause:
                        "The JSONPath '\(pathText)' specified for the field 'RoleArn.$' could not be found in the input '\(request.input.jsonString())'"
                )
            }
        }
        guard let roleARN else {
            throw StatesError(.runtime, cause: "Credentials must have a RoleArn or RoleArn.$ field.")
        }
        let execution = request.context["Execution"]?["Name"]?.stringValue ?? "execution"
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+=,.@-_")
        let sessionName = String(String(execution.filter { allowed.contains($0) }).prefix(64))
        return try await assumingRole(roleARN, sessionName: sessionName.count >= 2 ? sessionName : "sfnrun")
    }
}

extension AWSConfiguration {
    /// Whether the signing credentials come from somewhere else first (SSO, a container
    /// endpoint, a role to assume).
    var needsResolving: Bool {
        assumedRole != nil || singleSignOn != nil || containerCredentials != nil || credentialProcess != nil
    }

    /// Forgets the sources once ``credentials`` hold what they gave.
    mutating func clearCredentialSources() {
        assumedRole = nil
        singleSignOn = nil
        containerCredentials = nil
        credentialProcess = nil
    }
}
