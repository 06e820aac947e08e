import StatesLanguage
import StatesLanguageTesting
import Testing

@Suite("Runbook: auto-snapshot")
struct AutoSnapshotTests {
    static let runbook = Runbook(name: "auto-snapshot")

    @Test("The definition is valid")
    func valid() { Self.runbook.expectValid() }

    @Test("Mock configuration test case", arguments: runbook.testCaseNames)
    func testCase(name: String) async throws {
        let (result, problems) = try await Self.runbook.run(testCase: name)
        #expect(problems == [], "states entered: \(result.statesEntered)")
    }

    @Test("Every attached volume is snapshotted and each snapshot tagged with its source")
    func tags() async throws {
        let harness = try Self.runbook.harness()
        let testCase = try harness.load(try Self.runbook.configuration(), testCase: "StoppedAndTagged")
        let result = await harness.run(input: testCase.input ?? [:])
        #expect(result.status.name == "SUCCEEDED")
        let volumes = harness.invocations(of: "CreateSnapshot").compactMap { $0["VolumeId"]?.stringValue }
        #expect(volumes.sorted() == ["vol-0aaa", "vol-0bbb"])
        let tags = harness.invocations(of: "TagSnapshot")
        #expect(tags.count == 2)
        #expect(tags.allSatisfy { $0["Tags"]?[0] == ["Key": "AutoSnapshot", "Value": "true"] })
        #expect(Set(tags.compactMap { $0["Tags"]?[2]?["Value"]?.stringValue }) == ["/dev/xvda", "/dev/sdf"])
        let lookup = harness.invocations(of: "GetAutoSnapshotTag").first
        #expect(lookup?["Filters"]?[0] == ["Name": "resource-id", "Values": ["i-0abc1234def567890"]])
    }

    @Test("Only stopping and stopped instances are considered", arguments: [
        ("pending", false), ("running", false), ("shutting-down", false), ("terminated", false), ("stopping", true),
        ("stopped", true),
    ] as [(String, Bool)])
    func states(state: String, considered: Bool) async throws {
        let harness = try Self.runbook.harness()
        harness.mock("GetAutoSnapshotTag", returning: ["Tags": []])
        let result = await harness.run(input: ["time": "2026-11-23T02:15:00Z", "detail": ["instance-id": "i-1", "state": .string(state)]])
        #expect(result.status.name == "SUCCEEDED")
        #expect(result.statesEntered.contains("GetAutoSnapshotTag") == considered)
    }
}
