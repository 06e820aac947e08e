import Foundation
import Testing

@testable import StatesLanguage

@Suite("Runbook: ecs-refresh-freeze-window-jsonata (the freeze window read from $now())")
struct EcsRefreshFreezeWindowJSONataTests {
    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("StateMachines/ecs-refresh-freeze-window-jsonata.json").path
    static let ecs = "arn:aws:states:::aws-sdk:ecs:updateService"
    static let sns = "arn:aws:states:::sns:publish"
    static let service: JSONValue = [
        "Service": [
            "ServiceArn": "arn:aws:ecs:ap-east-1:123456789012:service/web/api",
            "TaskDefinition": "arn:aws:ecs:ap-east-1:123456789012:task-definition/api:42", "Status": "ACTIVE",
        ]
    ]

    static func machine() throws -> StateMachine {
        try StateMachine(parsing: String(contentsOfFile: path, encoding: .utf8), name: "ecs-refresh-freeze-window-jsonata")
    }

    /// Runs the runbook at `utc` (an RFC 3339 time), recording the ECS and SNS calls.
    static func run(
        at utc: String, input: JSONValue = ["Cluster": "web", "Service": "api"], ecsError: StatesError? = nil,
        calls: CallLog<(String, JSONValue)> = CallLog()
    ) async throws -> ExecutionResult {
        var registry = TaskRegistry()
        registry.register(for: ecs) { request in
            calls.append(("ecs", request.input))
            if let ecsError { throw ecsError }
            return service
        }
        registry.register(for: sns) { request in
            calls.append(("sns", request.input))
            return ["MessageId": "m-1"]
        }
        let clock = VirtualClock(start: try #require(Timestamp.parse(utc)))
        return await Executor(registry: registry, clock: clock).run(try machine(), input: input, name: "run")
    }

    @Test("The runbook compiles with no diagnostics")
    func compiles() throws {
        #expect(try Self.machine().warnings.isEmpty)
    }

    @Test(
        "Outside the default window (Hong Kong time) the service is redeployed",
        arguments: ["2026-01-05T01:15:00Z", "2026-01-05T07:00:00Z", "2026-01-05T03:59:59Z", "2026-01-05T20:00:00Z"])
    func outside(utc: String) async throws {
        let calls = CallLog<(String, JSONValue)>()
        let result = try await Self.run(at: utc, calls: calls)
        let local = try #require(result.output?["LocalTime"]?.stringValue)
        #expect(result.output == [
            "Cluster": "web", "ServiceArn": "arn:aws:ecs:ap-east-1:123456789012:service/web/api",
            "TaskDefinition": "arn:aws:ecs:ap-east-1:123456789012:task-definition/api:42", "LocalTime": .string(local),
        ])
        #expect(calls.all.map(\.0) == ["ecs"])
        #expect(calls.all.first?.1 == ["Cluster": "web", "Service": "api", "ForceNewDeployment": true])
    }

    @Test(
        "Inside the default window (12:00 inclusive to 15:00 exclusive, +0800) the execution fails without touching ECS",
        arguments: [("2026-01-05T04:00:00Z", "12:00"), ("2026-01-05T05:30:00Z", "13:30"), ("2026-01-05T06:59:00Z", "14:59")]
            as [(String, String)])
    func inside(utc: String, local: String) async throws {
        let calls = CallLog<(String, JSONValue)>()
        let result = try await Self.run(at: utc, calls: calls)
        #expect(result.error == StatesError(
            "DeploymentFrozen",
            cause: "Refusing to refresh web/api: \(local) is inside the deployment freeze window 12:00-15:00 (Asia/Hong_Kong)."))
        #expect(calls.all.isEmpty)
        #expect(eventNames(result) == [
            "ExecutionStarted", "PassStateEntered", "PassStateExited", "ChoiceStateEntered", "ChoiceStateExited",
            "FailStateEntered", "ExecutionFailed",
        ])
        let exited = try #require(result.history.first { $0.kind.name == "PassStateExited" })
        #expect(exited.jsonValue["stateExitedEventDetails"]?["assignedVariables"]?["localTime"] == .string("\"\(local)\""))
    }

    @Test("A window given in the input replaces the default; one that spans midnight works")
    func overnightWindow() async throws {
        let input: JSONValue = [
            "Cluster": "web", "Service": "api",
            "FreezeWindow": ["Start": "22:00", "End": "06:00", "TimeZone": "Europe/London", "UtcOffset": "+0000"],
        ]
        let night = try await Self.run(at: "2026-01-05T01:30:00Z", input: input)
        #expect(night.error?.name == "DeploymentFrozen")
        #expect(night.error?.cause?.hasSuffix("01:30 is inside the deployment freeze window 22:00-06:00 (Europe/London).") == true)
        let noon = try await Self.run(at: "2026-01-05T12:00:00Z", input: input)
        #expect(noon.status.name == "SUCCEEDED")
        #expect(noon.output?["LocalTime"] == "12:00")
    }

    @Test("A failed update is published to SNS and fails the execution with the ECS cause")
    func updateFails() async throws {
        let calls = CallLog<(String, JSONValue)>()
        let failure = StatesError("Ecs.ServiceNotFoundException", cause: "Service not found.")
        let result = try await Self.run(at: "2026-01-05T01:15:00Z", ecsError: failure, calls: calls)
        #expect(result.error == StatesError("EcsRefreshFailed", cause: "Service not found."))
        #expect(calls.all.map(\.0) == ["ecs", "sns"])
        #expect(calls.all.last?.1 == [
            "TopicArn": "arn:aws:sns:us-east-1:123456789012:ops-notifications",
            "Subject": "ECS refresh of web/api failed",
            "Message": #"{"Error":"Ecs.ServiceNotFoundException","Cause":"Service not found."}"#,
        ])
    }

    @Test("Throttling is retried before giving up")
    func throttlingRetried() async throws {
        let calls = CallLog<(String, JSONValue)>()
        let result = try await Self.run(
            at: "2026-01-05T01:15:00Z", ecsError: StatesError("Ecs.ThrottlingException", cause: "slow down"), calls: calls)
        #expect(calls.all.map(\.0) == ["ecs", "ecs", "ecs", "sns"])
        #expect(result.error == StatesError("EcsRefreshFailed", cause: "slow down"))
    }
}
