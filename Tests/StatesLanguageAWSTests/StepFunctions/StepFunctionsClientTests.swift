import Foundation
import StatesLanguage
import Synchronization
import Testing

@testable import StatesLanguageAWS

@Suite("StepFunctionsClient: deploy")
struct StepFunctionsDeployTests {
    static let definition = #"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#
    static let role = "arn:aws:iam::123456789012:role/sfn-exec"
    static let arn = "arn:aws:states:eu-west-1:123456789012:stateMachine:reports"

    static func described(type: String = "STANDARD") -> HTTPResponse {
        StepFunctionsStub.ok([
            "stateMachineArn": .string(arn), "name": "reports", "type": .string(type), "status": "ACTIVE",
            "roleArn": .string(role), "definition": .string(definition), "creationDate": 1_700_000_000,
        ])
    }

    @Test("A new name is created with its type, tags and a published version; the ARN comes from the caller's account")
    func creates() async throws {
        let stub = StepFunctionsStub([
            "DescribeStateMachine": [StepFunctionsStub.error("StateMachineDoesNotExist", "State Machine Does Not Exist")],
            "CreateStateMachine": [
                StepFunctionsStub.ok([
                    "stateMachineArn": .string(Self.arn), "creationDate": 1_700_000_000,
                    "stateMachineVersionArn": .string(Self.arn + ":1"),
                ])
            ],
        ])
        var deployment = StateMachineDeployment(
            name: "reports", definition: Self.definition, roleARN: Self.role, type: .express, publishesVersion: true,
            versionDescription: "first", tags: ["team": "ops", "cost-center": "42"])
        deployment.aliasName = nil
        let result = try await stub.client().deploy(deployment)
        #expect(stub.operations == ["GetCallerIdentity", "DescribeStateMachine", "CreateStateMachine"])
        #expect(stub.body(of: "DescribeStateMachine") == ["stateMachineArn": .string(Self.arn)])
        #expect(
            stub.body(of: "CreateStateMachine") == [
                "name": "reports", "definition": .string(Self.definition), "roleArn": .string(Self.role),
                "type": "EXPRESS",
                "tags": [["key": "cost-center", "value": "42"], ["key": "team", "value": "ops"]],
                "publish": true, "versionDescription": "first",
            ])
        #expect(result == DeploymentResult(stateMachineARN: Self.arn, change: .created, versionARN: Self.arn + ":1"))
    }

    @Test("An existing state machine is updated, tagged with TagResource, and its alias created on the new version")
    func updates() async throws {
        let stub = StepFunctionsStub([
            "DescribeStateMachine": [Self.described()],
            "UpdateStateMachine": [
                StepFunctionsStub.ok(["updateDate": 1_700_000_100, "stateMachineVersionArn": .string(Self.arn + ":7")])
            ],
            "TagResource": [StepFunctionsStub.ok([:])],
            "DescribeStateMachineAlias": [StepFunctionsStub.error("ResourceNotFound", "no alias")],
            "CreateStateMachineAlias": [
                StepFunctionsStub.ok(["stateMachineAliasArn": .string(Self.arn + ":prod"), "creationDate": 1_700_000_100])
            ],
        ])
        let deployment = StateMachineDeployment(
            name: "reports", definition: Self.definition, roleARN: Self.role, publishesVersion: true,
            aliasName: "prod", tags: ["team": "ops"])
        let result = try await stub.client().deploy(deployment)
        #expect(
            stub.operations == [
                "GetCallerIdentity", "DescribeStateMachine", "UpdateStateMachine", "TagResource",
                "DescribeStateMachineAlias", "CreateStateMachineAlias",
            ])
        #expect(
            stub.body(of: "UpdateStateMachine") == [
                "stateMachineArn": .string(Self.arn), "definition": .string(Self.definition),
                "roleArn": .string(Self.role), "publish": true,
            ])
        #expect(
            stub.body(of: "CreateStateMachineAlias") == [
                "name": "prod",
                "routingConfiguration": [["stateMachineVersionArn": .string(Self.arn + ":7"), "weight": 100]],
            ])
        #expect(result.change == .updated)
        #expect(result.versionARN == Self.arn + ":7")
        #expect(result.aliasARN == Self.arn + ":prod")
        #expect(result.aliasChange == .created)
    }

    @Test("An existing alias is moved with UpdateStateMachineAlias")
    func movesAlias() async throws {
        let stub = StepFunctionsStub([
            "DescribeStateMachineAlias": [StepFunctionsStub.ok(["stateMachineAliasArn": .string(Self.arn + ":prod")])],
            "UpdateStateMachineAlias": [StepFunctionsStub.ok(["updateDate": 1_700_000_100])],
        ])
        let (aliasARN, change) = try await stub.client().pointAlias(
            named: "prod", of: try #require(StateMachineARN(parsing: Self.arn + ":3")), to: Self.arn + ":4")
        #expect(aliasARN == Self.arn + ":prod")
        #expect(change == .updated)
        #expect(
            stub.body(of: "UpdateStateMachineAlias") == [
                "stateMachineAliasArn": .string(Self.arn + ":prod"),
                "routingConfiguration": [["stateMachineVersionArn": .string(Self.arn + ":4"), "weight": 100]],
            ])
    }

    @Test("A type change is refused before anything is updated")
    func typeChange() async throws {
        let stub = StepFunctionsStub(["DescribeStateMachine": [Self.described(type: "STANDARD")]])
        let deployment = StateMachineDeployment(
            name: "reports", definition: Self.definition, roleARN: Self.role, type: .express)
        let error = try await #require(throws: StepFunctionsError.self) { try await stub.client().deploy(deployment) }
        #expect(error.code == "InvalidRequest")
        #expect(error.message.contains("is STANDARD; a state machine's type cannot change"))
        #expect(!stub.operations.contains("UpdateStateMachine"))
    }

    @Test(
        "Malformed deployments are refused without a call",
        arguments: [
            (StateMachineDeployment(name: "reports", definition: definition, roleARN: "arn:aws:iam::123:role/x"),
             "is not an IAM role ARN"),
            (StateMachineDeployment(name: "reports", definition: definition, roleARN: "role/x"), "is not an IAM role ARN"),
            (StateMachineDeployment(name: "daily reports", definition: definition, roleARN: role), "may not contain ' '"),
            (StateMachineDeployment(name: "a:b", definition: definition, roleARN: role), "may not contain ':'"),
            (StateMachineDeployment(name: String(repeating: "n", count: 81), definition: definition, roleARN: role),
             "must be 1 to 80 characters"),
            (StateMachineDeployment(name: "reports", definition: definition, roleARN: role, aliasName: "prod"),
             "an alias routes to a published version"),
            (StateMachineDeployment(
                name: "reports", definition: definition, roleARN: role, publishesVersion: true, aliasName: "12"),
             "only digits"),
            (StateMachineDeployment(
                name: "reports", definition: definition, roleARN: role, publishesVersion: true, aliasName: "pr od"),
             "may only contain letters, digits"),
            (StateMachineDeployment(name: "reports", definition: definition, roleARN: role, versionDescription: "v"),
             "a version description needs a published version"),
        ] as [(StateMachineDeployment, String)])
    func refused(deployment: StateMachineDeployment, message: String) async throws {
        let stub = StepFunctionsStub()
        let error = try await #require(throws: StepFunctionsError.self) { try await stub.client().deploy(deployment) }
        #expect(error.code == "InvalidRequest")
        #expect(error.message.contains(message), "\(error.message)")
        #expect(stub.calls.isEmpty)
    }

    @Test("Valid names and role ARNs pass, including partitions and role paths")
    func accepted() {
        #expect(StateMachineDeployment.nameProblem("nightly-cleanup_v2.1") == nil)
        #expect(StateMachineDeployment.nameProblem("Größe") == nil)
        #expect(StateMachineDeployment.roleARNProblem("arn:aws-cn:iam::123456789012:role/service-role/sfn") == nil)
        #expect(StateMachineDeployment.roleARNProblem("arn:aws:iam::123456789012:role/") != nil)
        #expect(StateMachineDeployment.aliasNameProblem("prod.v2") == nil)
    }

    @Test("AWS's own refusals come back with their code and message")
    func serviceError() async throws {
        let stub = StepFunctionsStub([
            "DescribeStateMachine": [StepFunctionsStub.error("StateMachineDoesNotExist")],
            "CreateStateMachine": [StepFunctionsStub.error("InvalidDefinition", "Invalid State Machine Definition: 'X'")],
        ])
        let deployment = StateMachineDeployment(name: "reports", definition: Self.definition, roleARN: Self.role)
        let error = try await #require(throws: StepFunctionsError.self) { try await stub.client().deploy(deployment) }
        #expect(error.code == "InvalidDefinition")
        #expect(error.statusCode == 400)
        #expect(error.description == "InvalidDefinition: Invalid State Machine Definition: 'X' (Request ID: req-1)")
    }
}

@Suite("StepFunctionsClient: remote executions")
struct StepFunctionsExecutionTests {
    static let arn = "arn:aws:states:eu-west-1:123456789012:stateMachine:reports"
    static let execution = "arn:aws:states:eu-west-1:123456789012:execution:reports:run-1"

    static func event(_ id: Int, _ type: String, _ details: JSONObject = [:], at seconds: Double = 1_700_000_000)
        -> JSONValue
    {
        var object: JSONObject = [
            "timestamp": .number(.double(seconds + Double(id))), "type": .string(type), "id": .integer(id),
            "previousEventId": .integer(max(0, id - 1)),
        ]
        for (key, value) in details { object[key] = value }
        return .object(object)
    }

    static func page(_ events: [JSONValue], next: String? = nil) -> HTTPResponse {
        var object: JSONObject = ["events": .array(events)]
        if let next { object["nextToken"] = .string(next) }
        return StepFunctionsStub.ok(.object(object))
    }

    static let described = StepFunctionsStub.ok([
        "executionArn": .string(execution), "stateMachineArn": .string(arn), "name": "run-1", "status": "SUCCEEDED",
        "startDate": 1_700_000_000.5, "stopDate": 1_700_000_012, "input": #"{"a":1}"#, "output": #"{"done":true}"#,
    ])

    @Test("A name resolves to an ARN in the caller's account and region; an ARN with an alias is kept for starting")
    func resolves() async throws {
        let stub = StepFunctionsStub(["DescribeStateMachine": [StepFunctionsExecutionTests.machine]])
        let (startARN, machine) = try await stub.client().resolveStateMachine("reports")
        #expect(startARN == Self.arn)
        #expect(machine.type == .standard)
        let (aliased, _) = try await stub.client().resolveStateMachine(Self.arn + ":prod")
        #expect(aliased == Self.arn + ":prod")
        #expect(stub.calls.filter { $0.operation == "DescribeStateMachine" }.map(\.body) == [
            ["stateMachineArn": .string(Self.arn)], ["stateMachineArn": .string(Self.arn)],
        ])
        #expect(stub.operations.filter { $0 == "GetCallerIdentity" }.count == 1)
        let china = try await StepFunctionsStub(["DescribeStateMachine": [Self.machine]]).client(region: "cn-north-1")
            .stateMachineARN(named: "reports")
        #expect(china.description == "arn:aws-cn:states:cn-north-1:123456789012:stateMachine:reports")
    }

    static let machine = StepFunctionsStub.ok([
        "stateMachineArn": .string(arn), "name": "reports", "type": "STANDARD", "roleArn": "arn:aws:iam::1:role/r",
        "definition": "{}",
    ])

    @Test("StartExecution sends the input as JSON text")
    func starts() async throws {
        let stub = StepFunctionsStub([
            "StartExecution": [StepFunctionsStub.ok(["executionArn": .string(Self.execution), "startDate": 1_700_000_000])]
        ])
        let started = try await stub.client().startExecution(stateMachineARN: Self.arn, name: "run-1", input: ["a": 1])
        #expect(started.executionARN == Self.execution)
        #expect(started.startDate == Date(timeIntervalSince1970: 1_700_000_000))
        #expect(
            stub.body(of: "StartExecution") == [
                "stateMachineArn": .string(Self.arn), "input": #"{"a":1}"#, "name": "run-1",
            ])
    }

    @Test("StartSyncExecution goes to the sync-states host, unless an endpoint is configured")
    func syncHost() async throws {
        let answer = StepFunctionsStub.ok([
            "executionArn": "arn:aws:states:eu-west-1:123456789012:express:reports:run-1:x", "status": "FAILED",
            "startDate": 1_700_000_000, "stopDate": 1_700_000_001, "error": "Boom", "cause": "bad input",
        ])
        let stub = StepFunctionsStub(["StartSyncExecution": [answer]])
        let execution = try await stub.client().startSyncExecution(stateMachineARN: Self.arn)
        #expect(stub.calls.last?.host == "sync-states.eu-west-1.amazonaws.com")
        #expect(execution.result(history: []).status == .failed(StatesError("Boom", cause: "bad input")))
        _ = try await stub.client(endpoint: URL(string: "http://127.0.0.1:5000")).startSyncExecution(
            stateMachineARN: Self.arn)
        #expect(stub.calls.last?.host == "127.0.0.1")
    }

    @Test("History pages are read newest first and only down to the last event already seen")
    func historyPages() async throws {
        let stub = StepFunctionsStub([
            "GetExecutionHistory": [
                Self.page([Self.event(9, "PassStateExited"), Self.event(8, "PassStateEntered")], next: "t1"),
                Self.page([Self.event(7, "PassStateExited"), Self.event(6, "PassStateEntered")], next: "t2"),
            ]
        ])
        let events = try await stub.client().historyEvents(of: Self.execution, after: 6, pageSize: 2)
        #expect(events.compactMap { $0["id"]?.intValue } == [7, 8, 9])
        #expect(events.first?["timestamp"] == "2023-11-14T22:13:27.000Z")
        let requests = stub.calls.map(\.body)
        #expect(requests.count == 2)
        #expect(requests[0]["reverseOrder"] == true)
        #expect(requests[0]["maxResults"] == 2)
        #expect(requests[0]["nextToken"] == nil)
        #expect(requests[1]["nextToken"] == "t1")
    }

    @Test("Following polls until the closing event, backing off while nothing happens, then describes")
    func follows() async throws {
        let started = Self.event(1, "ExecutionStarted", ["executionStartedEventDetails": ["input": #"{"a":1}"#]])
        let entered = Self.event(2, "PassStateEntered", ["stateEnteredEventDetails": ["name": "A", "input": "{}"]])
        let succeeded = Self.event(3, "ExecutionSucceeded", ["executionSucceededEventDetails": ["output": "{}"]])
        let stub = StepFunctionsStub([
            "GetExecutionHistory": [
                Self.page([]), Self.page([entered, started]), Self.page([entered, started]),
                Self.page([entered, started]), Self.page([succeeded, entered]),
            ],
            "DescribeExecution": [Self.described],
        ])
        let clock = VirtualClock(start: Date(timeIntervalSince1970: 0))
        let batches = BatchLog()
        let (execution, history) = try await stub.client().follow(
            executionARN: Self.execution, clock: clock,
            polling: HistoryPolling(initialInterval: 1, maximumInterval: 3, backoffRate: 2)
        ) { batches.append($0.count) }
        #expect(history.compactMap { $0["id"]?.intValue } == [1, 2, 3])
        #expect(batches.all == [2, 1])
        #expect(execution.status == "SUCCEEDED")
        // Polls at 0 (nothing: wait 2), 2 (two events: wait 1), 3 (nothing: wait 2), 5 (nothing: wait 3), 8.
        #expect(clock.now == Date(timeIntervalSince1970: 8))
        let result = execution.result(history: history.compactMap(ExecutionEvent.init(historyEvent:)))
        #expect(result.output == ["done": true])
        #expect(result.statesEntered == ["A"])
        #expect(result.input == ["a": 1])
    }

    @Test("Throttled polls are retried up to the limit; other errors end the following at once")
    func pollErrors() async throws {
        let throttled = StepFunctionsStub([
            "GetExecutionHistory": [
                StepFunctionsStub.error("ThrottlingException", "Rate exceeded"),
                Self.page([Self.event(1, "ExecutionAborted")]),
            ],
            "DescribeExecution": [Self.described],
        ])
        let clock = VirtualClock(start: Date(timeIntervalSince1970: 0))
        _ = try await throttled.client().follow(executionARN: Self.execution, clock: clock)
        #expect(throttled.operations == ["GetExecutionHistory", "GetExecutionHistory", "DescribeExecution"])
        #expect(clock.now == Date(timeIntervalSince1970: 10))

        let alwaysThrottled = StepFunctionsStub([
            "GetExecutionHistory": [StepFunctionsStub.error("ThrottlingException", "Rate exceeded")]
        ])
        let error = try await #require(throws: StepFunctionsError.self) {
            try await alwaysThrottled.client().follow(
                executionARN: Self.execution, clock: VirtualClock(), polling: HistoryPolling(maximumFailedPolls: 3))
        }
        #expect(error.code == "ThrottlingException")
        #expect(alwaysThrottled.calls.count == 3)

        let missing = StepFunctionsStub(["GetExecutionHistory": [StepFunctionsStub.error("ExecutionDoesNotExist")]])
        let other = try await #require(throws: StepFunctionsError.self) {
            try await missing.client().follow(executionARN: Self.execution, clock: VirtualClock())
        }
        #expect(other.code == "ExecutionDoesNotExist")
        #expect(missing.calls.count == 1)
    }

    @Test("Cancelling the follower ends it with Cancelled, not an error of the service")
    func cancellation() async throws {
        let stub = StepFunctionsStub(["GetExecutionHistory": [Self.page([])]])
        let task = Task {
            try await stub.client().follow(executionARN: Self.execution, clock: SystemClock())
        }
        task.cancel()
        let result = await task.result
        guard case .failure(let error as StepFunctionsError) = result else {
            Issue.record("expected a cancellation, got \(result)")
            return
        }
        #expect(error.isCancellation)
    }

    @Test("An unknown state machine ARN form is refused before any call")
    func badARN() async throws {
        let stub = StepFunctionsStub()
        let error = try await #require(throws: StepFunctionsError.self) {
            try await stub.client().resolveStateMachine("arn:aws:states:eu-west-1:123456789012:activity:x")
        }
        #expect(error.code == "InvalidArn")
        #expect(stub.calls.isEmpty)
    }
}

/// Sizes of the batches handed to an `onEvents` callback.
final class BatchLog: Sendable {
    private let sizes = Mutex<[Int]>([])
    func append(_ size: Int) { sizes.withLock { $0.append(size) } }
    var all: [Int] { sizes.withLock { $0 } }
}
