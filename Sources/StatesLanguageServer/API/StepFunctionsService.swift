import Foundation
import StatesLanguage

/// The AWS Step Functions API, served from memory: state machines, versions, aliases, executions,
/// callbacks, tags and TestState. ``StepFunctionsEndpoint`` puts it on HTTP.
///
/// Each action takes the request's JSON body and returns the response's, as the API reference
/// defines them; errors are ``APIError``s.
///
/// ```swift
/// let service = StepFunctionsService(environment: ExecutionEnvironment(registry: registry))
/// let created = try await service.perform("CreateStateMachine", ["name": "Hello", "definition": definition, "roleArn": role])
/// ```
public actor StepFunctionsService {
    /// The region in ARNs (default `us-east-1`).
    public let region: String
    /// The account in ARNs (default `123456789012`).
    public let accountID: String
    let environment: ExecutionEnvironment

    var machines: [String: ServedStateMachine] = [:]
    var machineOrder: [String] = []
    var executions = ExecutionBook()
    var tags: [String: JSONObject] = [:]

    let archive: (any StateMachineArchive)?

    /// Creates a service; with an `archive` or a store, call ``restore()`` to read what they keep.
    public init(
        environment: ExecutionEnvironment = ExecutionEnvironment(), region: String = "us-east-1",
        accountID: String = "123456789012", archive: (any StateMachineArchive)? = nil
    ) {
        self.environment = environment
        self.region = region
        self.accountID = accountID
        self.archive = archive
    }

    /// The actions that change what the archive keeps.
    static let archivedActions: Set<String> = [
        "CreateStateMachine", "UpdateStateMachine", "DeleteStateMachine", "PublishStateMachineVersion",
        "DeleteStateMachineVersion", "CreateStateMachineAlias", "UpdateStateMachineAlias", "DeleteStateMachineAlias",
        "TagResource", "UntagResource",
    ]

    /// Writes the state machines, versions, aliases and tags to the archive.
    func archiveMachines() throws(APIError) {
        guard let archive else { return }
        let document: JSONValue = [
            "stateMachines": .array(machineOrder.compactMap { machines[$0]?.jsonValue }), "tags": .object(JSONObject(tags.map { ($0.key, JSONValue.object($0.value)) })),
        ]
        do {
            try archive.save(document)
        } catch {
            throw APIError("ServiceUnavailable", "The change was made but could not be saved: \(error)", status: 500)
        }
    }

    /// The actions served, by name.
    public static let actions: [String] = [
        "CreateStateMachine", "UpdateStateMachine", "DescribeStateMachine", "DescribeStateMachineForExecution",
        "ListStateMachines", "DeleteStateMachine", "ValidateStateMachineDefinition",
        "PublishStateMachineVersion", "ListStateMachineVersions", "DeleteStateMachineVersion",
        "CreateStateMachineAlias", "DescribeStateMachineAlias", "UpdateStateMachineAlias", "ListStateMachineAliases",
        "DeleteStateMachineAlias",
        "StartExecution", "StartSyncExecution", "DescribeExecution", "ListExecutions", "GetExecutionHistory",
        "StopExecution", "RedriveExecution",
        "SendTaskSuccess", "SendTaskFailure", "SendTaskHeartbeat",
        "DescribeMapRun", "ListMapRuns",
        "TagResource", "UntagResource", "ListTagsForResource",
        "TestState",
    ]

    /// Performs `action` with the request body `fields`.
    ///
    /// - Returns: the response body.
    /// - Throws: ``APIError``: `UnknownOperationException` for an action the API does not have, and
    ///   the action's own errors.
    public func perform(_ action: String, _ fields: JSONObject) async throws(APIError) -> JSONValue {
        let response = try await dispatch(action, fields)
        if Self.archivedActions.contains(action) { try archiveMachines() }
        return response
    }

    private func dispatch(_ action: String, _ fields: JSONObject) async throws(APIError) -> JSONValue {
        let request = APIRequest(action: action, fields: fields)
        switch action {
        case "CreateStateMachine": return try createStateMachine(request)
        case "UpdateStateMachine": return try updateStateMachine(request)
        case "DescribeStateMachine": return try describeStateMachine(request)
        case "DescribeStateMachineForExecution": return try describeStateMachineForExecution(request)
        case "ListStateMachines": return try listStateMachines(request)
        case "DeleteStateMachine": return try deleteStateMachine(request)
        case "ValidateStateMachineDefinition": return try validateStateMachineDefinition(request)
        case "PublishStateMachineVersion": return try publishStateMachineVersion(request)
        case "ListStateMachineVersions": return try listStateMachineVersions(request)
        case "DeleteStateMachineVersion": return try deleteStateMachineVersion(request)
        case "CreateStateMachineAlias": return try createStateMachineAlias(request)
        case "DescribeStateMachineAlias": return try describeStateMachineAlias(request)
        case "UpdateStateMachineAlias": return try updateStateMachineAlias(request)
        case "ListStateMachineAliases": return try listStateMachineAliases(request)
        case "DeleteStateMachineAlias": return try deleteStateMachineAlias(request)
        case "StartExecution": return try await startExecution(request)
        case "StartSyncExecution": return try await startSyncExecution(request)
        case "DescribeExecution": return try describeExecution(request)
        case "ListExecutions": return try listExecutions(request)
        case "GetExecutionHistory": return try getExecutionHistory(request)
        case "StopExecution": return try await stopExecution(request)
        case "RedriveExecution": return try await redriveExecution(request)
        case "SendTaskSuccess": return try sendTaskSuccess(request)
        case "SendTaskFailure": return try sendTaskFailure(request)
        case "SendTaskHeartbeat": return try sendTaskHeartbeat(request)
        case "DescribeMapRun": return try describeMapRun(request)
        case "ListMapRuns": return try listMapRuns(request)
        case "TagResource": return try tagResource(request)
        case "UntagResource": return try untagResource(request)
        case "ListTagsForResource": return try listTagsForResource(request)
        case "TestState": return try await testState(request)
        default:
            throw APIError("UnknownOperationException", "Unknown operation: AWSStepFunctions.\(action)")
        }
    }

    /// `arn:aws:states:REGION:ACCOUNT:`.
    var arnPrefix: String { "arn:aws:states:\(region):\(accountID):" }

    /// The server's clock for creation and update dates.
    var now: Date { Date() }
}
