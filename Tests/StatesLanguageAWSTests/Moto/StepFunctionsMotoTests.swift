import Foundation
import StatesLanguage
import Testing

@testable import StatesLanguageAWS

/// Deploying and following executions against moto's Step Functions, with its interpreter on
/// (`--execute-state-machines`), so executions run their definitions and report real histories.
@Suite("Step Functions against moto", .enabled(if: MotoServer.isAvailable, MotoServer.skipMessage))
struct StepFunctionsMotoTests {
    static let role = "arn:aws:iam::123456789012:role/sfn-exec"
    static let definition = #"""
        {"StartAt": "Greet", "States": {
          "Greet": {"Type": "Pass", "Parameters": {"greeting.$": "States.Format('hello {}', $.who)"}, "Next": "Pause"},
          "Pause": {"Type": "Wait", "Seconds": 1, "Next": "Decide"},
          "Decide": {"Type": "Choice", "Choices": [{"Variable": "$.greeting", "StringEquals": "hello nobody", "Next": "Refuse"}],
                     "Default": "Done"},
          "Refuse": {"Type": "Fail", "Error": "NobodyThere", "Cause": "no one to greet"},
          "Done": {"Type": "Succeed"}}}
        """#

    static func client() async throws -> StepFunctionsClient {
        StepFunctionsClient(configuration: try await MotoServer.configuration(of: MotoServer.executing))
    }

    static func unique(_ prefix: String) -> String { "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())" }

    @Test("deploy creates, then updates; each publish makes a version and moves the alias")
    func deploys() async throws {
        let client = try await Self.client()
        let name = Self.unique("greeter")
        var deployment = StateMachineDeployment(
            name: name, definition: Self.definition, roleARN: Self.role, publishesVersion: true, aliasName: "live",
            tags: ["team": "ops"])
        let first = try await client.deploy(deployment)
        let arn = "arn:aws:states:us-east-1:123456789012:stateMachine:\(name)"
        #expect(first == DeploymentResult(
            stateMachineARN: arn, change: .created, versionARN: arn + ":1", aliasARN: arn + ":live", aliasChange: .created))

        deployment.definition = Self.definition.replacingOccurrences(of: "\"Seconds\": 1", with: "\"Seconds\": 2")
        let second = try await client.deploy(deployment)
        #expect(second == DeploymentResult(
            stateMachineARN: arn, change: .updated, versionARN: arn + ":2", aliasARN: arn + ":live", aliasChange: .updated))
        let described = try await client.describeStateMachine(arn: arn)
        #expect(described.definition.contains("\"Seconds\": 2"))
        #expect(described.roleARN == Self.role)
        #expect(try await client.stateMachines().contains { $0.name == name })
    }

    @Test("a STANDARD execution is followed to its end, with the events of every state")
    func follows() async throws {
        let client = try await Self.client()
        let name = Self.unique("greeter")
        let deployed = try await client.deploy(
            StateMachineDeployment(name: name, definition: Self.definition, roleARN: Self.role))
        let (startARN, machine) = try await client.resolveStateMachine(name)
        #expect(startARN == deployed.stateMachineARN)
        #expect(machine.type == .standard)

        let started = try await client.startExecution(stateMachineARN: startARN, name: "run-1", input: ["who": "world"])
        let batches = BatchLog()
        let (execution, history) = try await client.follow(
            executionARN: started.executionARN, clock: VirtualClock(),
            polling: HistoryPolling(initialInterval: 0.2, maximumInterval: 0.5)
        ) { batches.append($0.count) }
        let result = execution.result(history: history.compactMap(ExecutionEvent.init(historyEvent:)))
        #expect(result.status.name == "SUCCEEDED")
        #expect(result.output == ["greeting": "hello world"])
        #expect(result.statesEntered == ["Greet", "Pause", "Decide", "Done"])
        #expect(result.name == "run-1")
        #expect(history.compactMap { $0["id"]?.intValue } == Array(1...history.count))
        #expect(batches.all.reduce(0, +) == history.count)

        let failing = try await client.startExecution(stateMachineARN: startARN, input: ["who": "nobody"])
        let (failed, _) = try await client.follow(executionARN: failing.executionARN, clock: VirtualClock())
        #expect(failed.status == "FAILED")
        #expect(failed.error == "NobodyThere")
        #expect(failed.cause == "no one to greet")
    }

    @Test("a followed execution can be stopped; it ends ABORTED")
    func stops() async throws {
        let client = try await Self.client()
        let name = Self.unique("sleeper")
        let definition = #"{"StartAt": "Nap", "States": {"Nap": {"Type": "Wait", "Seconds": 300, "End": true}}}"#
        let deployed = try await client.deploy(
            StateMachineDeployment(name: name, definition: definition, roleARN: Self.role))
        let started = try await client.startExecution(stateMachineARN: deployed.stateMachineARN)
        let following = Task {
            try await client.follow(executionARN: started.executionARN, clock: SystemClock())
        }
        following.cancel()
        guard case .failure(let error as StepFunctionsError) = await following.result, error.isCancellation else {
            Issue.record("following did not end with a cancellation")
            return
        }
        #expect(try await client.describeExecution(arn: started.executionARN).status == "RUNNING")
        try await client.stopExecution(arn: started.executionARN, cause: "test")
        #expect(try await client.describeExecution(arn: started.executionARN).status == "ABORTED")
    }

    @Test("an unknown state machine is StateMachineDoesNotExist, by name and by ARN")
    func refusals() async throws {
        let client = try await Self.client()
        let missing = try await #require(throws: StepFunctionsError.self) {
            try await client.resolveStateMachine(Self.unique("missing"))
        }
        #expect(missing.code == "StateMachineDoesNotExist")
        let error = try await #require(throws: StepFunctionsError.self) {
            try await client.startExecution(
                stateMachineARN: "arn:aws:states:us-east-1:123456789012:stateMachine:\(Self.unique("missing"))")
        }
        #expect(error.code == "StateMachineDoesNotExist")
    }
}
