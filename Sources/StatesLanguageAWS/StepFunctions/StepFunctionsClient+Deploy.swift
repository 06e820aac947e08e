import StatesLanguage

extension StepFunctionsClient {
    /// Creates the state machine, or updates it when one of that name exists; then publishes a
    /// version and points an alias at it, if asked.
    ///
    /// The steps: ``StateMachineDeployment/problems`` refused before anything is sent; the ARN from
    /// the account (STS `GetCallerIdentity`) and the name; `DescribeStateMachine`; then
    /// `CreateStateMachine` (with `type`, `tags`, `publish`, `versionDescription`) or
    /// `UpdateStateMachine` (with `publish`, `versionDescription`; tags through `TagResource`); then
    /// `DescribeStateMachineAlias` and `CreateStateMachineAlias` or `UpdateStateMachineAlias` with
    /// all traffic (`weight` 100) on the new version.
    ///
    /// Describing first makes the choice explicit: `CreateStateMachine` is idempotent only for an
    /// identical definition and configuration and answers `StateMachineAlreadyExists` otherwise,
    /// and a state machine's type cannot be changed by an update.
    ///
    /// - Throws: `InvalidRequest` for the problems found locally or a type change; the API's
    ///   errors (`InvalidDefinition`, `InvalidArn`, `AccessDeniedException`…) otherwise.
    public func deploy(_ deployment: StateMachineDeployment) async throws(StepFunctionsError) -> DeploymentResult {
        let problems = deployment.problems
        guard problems.isEmpty else {
            throw StepFunctionsError(
                code: StepFunctionsError.invalidRequestCode, message: problems.joined(separator: "; "))
        }
        let arn = try await stateMachineARN(named: deployment.name)
        var result: DeploymentResult
        if let existing = try await existingStateMachine(arn: arn.description) {
            guard existing.type == deployment.type else {
                throw StepFunctionsError(
                    code: StepFunctionsError.invalidRequestCode,
                    message:
                        "\(existing.arn) is \(existing.type.rawValue); a state machine's type cannot change "
                        + "(deploy under another name, or delete it first)")
            }
            var body: JSONObject = [
                "stateMachineArn": .string(existing.arn), "definition": .string(deployment.definition),
                "roleArn": .string(deployment.roleARN),
            ]
            Self.addPublishing(deployment, to: &body)
            let updated = try await call("UpdateStateMachine", body)
            if !deployment.tags.isEmpty {
                _ = try await call(
                    "TagResource", ["resourceArn": .string(existing.arn), "tags": Self.tagList(deployment.tags)])
            }
            result = DeploymentResult(
                stateMachineARN: existing.arn, change: .updated,
                versionARN: updated["stateMachineVersionArn"]?.stringValue)
        } else {
            var body: JSONObject = [
                "name": .string(deployment.name), "definition": .string(deployment.definition),
                "roleArn": .string(deployment.roleARN), "type": .string(deployment.type.rawValue),
            ]
            if !deployment.tags.isEmpty { body["tags"] = Self.tagList(deployment.tags) }
            Self.addPublishing(deployment, to: &body)
            let created = try await call("CreateStateMachine", body)
            result = DeploymentResult(
                stateMachineARN: created["stateMachineArn"]?.stringValue ?? arn.description, change: .created,
                versionARN: created["stateMachineVersionArn"]?.stringValue)
        }
        if let aliasName = deployment.aliasName {
            guard let versionARN = result.versionARN else {
                throw StepFunctionsError(
                    code: StepFunctionsError.invalidRequestCode,
                    message: "no version was published, so the alias '\(aliasName)' has nothing to route to")
            }
            let (aliasARN, change) = try await pointAlias(
                named: aliasName, of: StateMachineARN(parsing: result.stateMachineARN) ?? arn, to: versionARN)
            result.aliasARN = aliasARN
            result.aliasChange = change
        }
        return result
    }

    /// Creates the alias, or moves it, so that all executions started through it run `versionARN`.
    public func pointAlias(
        named name: String, of stateMachine: StateMachineARN, to versionARN: String
    ) async throws(StepFunctionsError) -> (arn: String, change: DeploymentResult.Change) {
        let aliasARN = stateMachine.unqualified.qualified(by: name).description
        let routing: JSONValue = [["stateMachineVersionArn": .string(versionARN), "weight": 100]]
        do throws(StepFunctionsError) {
            _ = try await call("DescribeStateMachineAlias", ["stateMachineAliasArn": .string(aliasARN)])
        } catch where error.code == "ResourceNotFound" {
            let created = try await call(
                "CreateStateMachineAlias", ["name": .string(name), "routingConfiguration": routing])
            return (created["stateMachineAliasArn"]?.stringValue ?? aliasARN, .created)
        }
        _ = try await call(
            "UpdateStateMachineAlias", ["stateMachineAliasArn": .string(aliasARN), "routingConfiguration": routing])
        return (aliasARN, .updated)
    }

    private static func addPublishing(_ deployment: StateMachineDeployment, to body: inout JSONObject) {
        guard deployment.publishesVersion else { return }
        body["publish"] = true
        if let description = deployment.versionDescription { body["versionDescription"] = .string(description) }
    }

    private static func tagList(_ tags: [String: String]) -> JSONValue {
        .array(tags.sorted { $0.key < $1.key }.map { ["key": .string($0.key), "value": .string($0.value)] })
    }
}
