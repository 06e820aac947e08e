import StatesLanguage
import StatesLanguageTesting
import Testing

@Suite("Runbook: alarm-remediation")
struct AlarmRemediationTests {
    static let runbook = Runbook(name: "alarm-remediation")

    @Test("The definition is valid")
    func valid() { Self.runbook.expectValid() }

    @Test("Mock configuration test case", arguments: runbook.testCaseNames)
    func testCase(name: String) async throws {
        let (result, problems) = try await Self.runbook.run(testCase: name)
        #expect(problems == [], "states entered: \(result.statesEntered)")
    }

    @Test("High CPU adds 2 instances, never beyond MaxSize", arguments: [
        (2, 10, 4), (7, 10, 9), (8, 10, 10), (9, 10, 10), (0, 1, 1),
    ] as [(Int, Int, Int)])
    func scaleOut(desired: Int, maxSize: Int, target: Int) async throws {
        let harness = try Self.runbook.harness()
        harness.mock("DescribeGroup", returning: ["AutoScalingGroups": [[
            "AutoScalingGroupName": "web-asg", "DesiredCapacity": .integer(desired), "MaxSize": .integer(maxSize),
        ]]])
        harness.mock("SetDesiredCapacity", returning: [:])
        harness.mock("NotifyScaledOut", returning: ["MessageId": "m"])
        let result = await harness.run(input: try Self.runbook.input(of: "HighCpuScalesOut"))
        #expect(result.output?["To"] == .integer(target))
        #expect(harness.invocations(of: "SetDesiredCapacity")
            == [["AutoScalingGroupName": "web-asg", "DesiredCapacity": .integer(target)]])
        #expect(harness.invocations(of: "DescribeGroup") == [["AutoScalingGroupNames": ["web-asg"]]])
    }
}
