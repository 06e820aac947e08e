import Foundation
import StatesLanguage

extension AWSClient {
    /// The same client signing with temporary credentials for `roleARN`, from STS `AssumeRole`.
    ///
    /// - Parameters:
    ///   - roleARN: the role to assume.
    ///   - sessionName: the role session name (2–64 characters of `[\w+=,.@-]`).
    /// - Throws: `Sts.<Exception>` when STS refuses, as the Task's own errors would be.
    package func assumingRole(_ roleARN: String, sessionName: String) async throws -> AWSClient {
        let output = try await call(
            service: "sts", action: "assumeRole",
            parameters: ["RoleArn": .string(roleARN), "RoleSessionName": .string(sessionName)])
        guard let keyID = output["Credentials"]?["AccessKeyId"]?.stringValue,
            let secret = output["Credentials"]?["SecretAccessKey"]?.stringValue
        else {
            throw StatesError(.taskFailed, cause: "STS AssumeRole for \(roleARN) returned no credentials.")
        }
        var copy = self
        copy.configuration.credentials = AWSCredentials(
            accessKeyID: keyID, secretAccessKey: secret,
            sessionToken: output["Credentials"]?["SessionToken"]?.stringValue)
        return copy
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
