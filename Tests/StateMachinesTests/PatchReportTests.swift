import StatesLanguage
import StatesLanguageTesting
import Testing

@Suite("Runbook: patch-report")
struct PatchReportTests {
    static let runbook = Runbook(name: "patch-report")

    @Test("The definition is valid")
    func valid() { Self.runbook.expectValid() }

    @Test("Mock configuration test case", arguments: runbook.testCaseNames)
    func testCase(name: String) async throws {
        let (result, problems) = try await Self.runbook.run(testCase: name)
        #expect(problems == [], "states entered: \(result.statesEntered)")
    }

    @Test("The report publishes the patch list as JSON text with a formatted subject")
    func message() async throws {
        let harness = try Self.runbook.harness()
        harness.mock("GetMissingPatches", returning: ["Patches": [["KBId": "KB1", "State": "Missing"]]])
        harness.mock("PublishReport", returning: ["MessageId": "m-9"])
        let result = await harness.run(input: ["InstanceId": "i-7", "TopicArn": "arn:aws:sns:us-east-1:1:t"])
        #expect(result.output == ["InstanceId": "i-7", "MissingPatches": 1, "MessageId": "m-9"])
        #expect(harness.invocations(of: "GetMissingPatches").first?["InstanceId"] == "i-7")
        #expect(harness.invocations(of: "PublishReport") == [[
            "TopicArn": "arn:aws:sns:us-east-1:1:t",
            "Subject": "1 patches missing on i-7",
            "Message": #"Instance i-7 is missing 1 patches: [{"KBId":"KB1","State":"Missing"}]"#,
        ]])
    }
}

/// Keeps the README's harness example honest: the same calls, on the same runbook.
@Suite("README harness example")
struct ReadmeHarnessExampleTests {
    @Test("A failed publish fails the patch report")
    func readmeExample() async throws {
        let harness = try WorkflowHarness(definitionFile: PatchReportTests.runbook.definitionPath)
        harness.mock("GetMissingPatches", returning: ["Patches": []])
        harness.mock("PublishUpToDate", throwing: StatesError("SNS.NotFoundException", cause: "no topic"))
        let result = await harness.run(input: ["InstanceId": "i-1", "TopicArn": "arn:aws:sns:us-east-1:123456789012:ops"])
        #expect(result.status.name == "FAILED")
        #expect(result.error == StatesError("SNS.NotFoundException", cause: "no topic"))
    }
}
