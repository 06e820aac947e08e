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
        plain.configuration.assumedRole = nil
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

    /// This client with the profile's role (``AWSConfiguration/assumedRole``) already assumed,
    /// from the shared cache when its credentials are still fresh.
    package func resolvingProfileRole() async throws -> AWSClient {
        guard let role = configuration.assumedRole else { return self }
        var resolved = self
        resolved.configuration.assumedRole = nil
        let base = resolved
        resolved.configuration.credentials = try await roleCache.credentials(now: currentDate()) {
            try await base.assumeRole(role)
        }
        return resolved
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
