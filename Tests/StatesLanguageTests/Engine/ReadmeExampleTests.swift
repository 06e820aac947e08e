import Foundation
import Testing

import StatesLanguage

/// Keeps the README's embedding example honest: the same calls, on an inline definition.
@Suite("README examples")
struct ReadmeExampleTests {
    static let patchReport = """
        {"StartAt": "GetPatches", "States": {
          "GetPatches": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:ssm:describeInstancePatches",
            "Parameters": {"InstanceId.$": "$.InstanceId"}, "ResultPath": "$.patches", "Next": "Publish"},
          "Publish": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
            "Parameters": {"Message.$": "States.JsonToString($.patches.Patches)"}, "End": true}}}
        """

    @Test("The embedding example runs as shown")
    func embedding() async throws {
        let machine = try StateMachine(parsing: Self.patchReport)
        var registry = TaskRegistry()
        registry.register(for: "arn:aws:states:::aws-sdk:ssm:describeInstancePatches") { request in
            ["Patches": [["KBId": "KB5031356", "State": "Missing"]]]
        }
        let published = CallLog<JSONValue>()
        registry.register(for: "arn:aws:states:::sns:publish") { request in
            published.append(request.input)
            return ["MessageId": "local-1"]
        }
        let result = await Executor(registry: registry, clock: VirtualClock()).run(machine, input: ["InstanceId": "i-0abc"])
        #expect(result.status.name == "SUCCEEDED")
        #expect(result.output == ["MessageId": "local-1"])
        #expect(published.all == [["Message": #"[{"KBId":"KB5031356","State":"Missing"}]"#]])
    }
}
