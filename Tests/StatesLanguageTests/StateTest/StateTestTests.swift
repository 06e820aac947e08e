import Foundation
import Testing

@testable import StatesLanguage

@Suite("StateTest (TestState offline)")
struct StateTestTests {
    let task: JSONValue = [
        "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
        "InputPath": "$.order", "Parameters": ["FunctionName": "f", "Payload.$": "$"],
        "ResultSelector": ["total.$": "$.Payload.total"], "ResultPath": "$.priced",
        "Retry": [["ErrorEquals": ["Lambda.TooManyRequestsException"], "IntervalSeconds": 2, "MaxAttempts": 2, "BackoffRate": 3]],
        "Catch": [["ErrorEquals": ["States.ALL"], "Next": "Recover"]],
        "Next": "Ship",
    ]
    let input: JSONValue = ["order": ["id": 7]]

    @Test("A mocked task at DEBUG reports each processing step, the output and the next state")
    func debugInspection() async throws {
        let test = try StateTest(
            definition: task, input: input, mock: .init(.result(["Payload": ["total": 12]])), inspectionLevel: .debug)
        let result = try await test.run(with: Executor())
        #expect(result.status == .succeeded)
        #expect(result.nextState == "Ship")
        #expect(result.output == ["order": ["id": 7], "priced": ["total": 12]])
        let data = try #require(result.inspectionData)
        #expect(data["input"] == .string(input.jsonString()))
        #expect(data["afterInputPath"] == #"{"id":7}"#)
        #expect(data["afterParameters"] == #"{"FunctionName":"f","Payload":{"id":7}}"#)
        #expect(data["result"] == #"{"Payload":{"total":12}}"#)
        #expect(data["afterResultSelector"] == #"{"total":12}"#)
        #expect(data["afterResultPath"] == #"{"order":{"id":7},"priced":{"total":12}}"#)
        #expect(result.jsonValue["status"] == "SUCCEEDED")
        let info = try await StateTest(definition: task, input: input, mock: .init(.result(["Payload": [:]]))).run(with: Executor())
        #expect(info.inspectionData == nil)
    }

    @Test("A mocked error a Retry matches is RETRIABLE with the retry's backoff; exhausted, the Catch takes it")
    func retryAndCatch() async throws {
        let failure = StateTest.Mock(.error(StatesError("Lambda.TooManyRequestsException", cause: "slow down")))
        let first = try await StateTest(definition: task, input: input, mock: failure, inspectionLevel: .debug)
            .run(with: Executor())
        #expect(first.status == .retriable)
        #expect(first.error?.name.rawValue == "Lambda.TooManyRequestsException")
        #expect(first.inspectionData?["errorDetails"] == ["retryIndex": 0, "retryBackoffIntervalSeconds": 2])
        let second = try await StateTest(definition: task, input: input, mock: failure, retrierRetryCount: 1, inspectionLevel: .debug)
            .run(with: Executor())
        #expect(second.inspectionData?["errorDetails"] == ["retryIndex": 0, "retryBackoffIntervalSeconds": 6])
        let exhausted = try await StateTest(definition: task, input: input, mock: failure, retrierRetryCount: 2, inspectionLevel: .debug)
            .run(with: Executor())
        #expect(exhausted.status == .caughtError)
        #expect(exhausted.nextState == "Recover")
        #expect(exhausted.inspectionData?["errorDetails"] == ["catchIndex": 0])
        #expect(exhausted.output?["Error"] == "Lambda.TooManyRequestsException")
        var uncaught = task
        uncaught = .object((uncaught.objectValue ?? [:]).filter { $0.key != "Catch" && $0.key != "Retry" }.reduce(into: JSONObject()) { $0[$1.key] = $1.value })
        let failed = try await StateTest(definition: uncaught, input: input, mock: failure).run(with: Executor())
        #expect(failed.status == .failed)
        #expect(failed.error?.cause == "slow down")
        #expect(failed.nextState == nil)
    }

    @Test("A state named inside a full definition; a Choice names its next state")
    func stateInDefinition() async throws {
        let definition: JSONValue = [
            "StartAt": "Check",
            "States": [
                "Check": ["Type": "Choice", "Choices": [["Variable": "$.n", "NumericGreaterThan": 5, "Next": "Big"]], "Default": "Small"],
                "Big": ["Type": "Succeed"], "Small": ["Type": "Succeed"],
            ],
        ]
        let big = try await StateTest(definition: definition, stateName: "Check", input: ["n": 9]).run(with: Executor())
        #expect(big.nextState == "Big")
        let small = try await StateTest(definition: definition, input: ["n": 1]).run(with: Executor())
        #expect(small.nextState == "Small")
        await #expect(throws: StateTestError.self) {
            try await StateTest(definition: definition, stateName: "Nope").run(with: Executor())
        }
    }

    @Test("Context and variables are injected; JSONata states see them")
    func injection() async throws {
        let pass: JSONValue = ["Type": "Pass", "Parameters": ["name.$": "$$.Execution.Name", "retry.$": "$$.State.RetryCount"], "End": true]
        let result = try await StateTest(
            definition: pass, context: ["Execution": ["Name": "injected"]], retrierRetryCount: 3
        ).run(with: Executor())
        #expect(result.output == ["name": "injected", "retry": 3])
        let jsonata: JSONValue = [
            "Type": "Pass", "QueryLanguage": "JSONata", "Output": "{% $limit * 2 %}", "Assign": ["seen": true], "End": true,
        ]
        let doubled = try await StateTest(definition: jsonata, variables: ["limit": 21], inspectionLevel: .trace).run(with: Executor())
        #expect(doubled.output == 42)
        #expect(doubled.inspectionData?["variables"]?.stringValue.flatMap { try? JSONValue(parsing: $0) } == ["limit": 21, "seen": true])
    }

    @Test("A Fail state fails with its error; an invalid state is an invalid definition")
    func failAndInvalid() async throws {
        let fail = try await StateTest(definition: ["Type": "Fail", "Error": "Nope", "Cause": "because"]).run(with: Executor())
        #expect(fail.status == .failed)
        #expect(fail.error == StatesError("Nope", cause: "because"))
        await #expect(throws: StateTestError.self) {
            try await StateTest(definition: ["Type": "Pass", "Next": 5]).run(with: Executor())
        }
    }

    @Test("A mock validator's problems refuse the mocked result")
    func validator() async throws {
        let test = try StateTest(
            definition: task, input: input, mock: .init(.result(["Payload": 1]), fieldValidationMode: .present),
            mockValidator: { _, _, _ in ["Payload: wrong"] })
        await #expect(throws: StateTestError.validation("Mock result schema validation error: Payload: wrong")) {
            try await test.run(with: Executor())
        }
    }
}
