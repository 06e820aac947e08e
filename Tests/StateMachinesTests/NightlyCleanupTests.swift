import StatesLanguage
import StatesLanguageTesting
import Testing

@Suite("Runbook: nightly-cleanup")
struct NightlyCleanupTests {
    static let runbook = Runbook(name: "nightly-cleanup")

    @Test("The definition is valid")
    func valid() { Self.runbook.expectValid() }

    @Test("Mock configuration test case", arguments: runbook.testCaseNames)
    func testCase(name: String) async throws {
        let (result, problems) = try await Self.runbook.run(testCase: name)
        #expect(problems == [], "states entered: \(result.statesEntered)")
    }

    @Test("Only snapshots started before the cutoff are deleted (a snapshot at the cutoff is kept)")
    func cutoff() async throws {
        let harness = try Self.runbook.harness()
        harness.mock("FindAutoSnapshots", returning: ["Snapshots": [
            ["SnapshotId": "snap-before", "StartTime": "2026-11-14T23:59:59.999Z"],
            ["SnapshotId": "snap-at", "StartTime": "2026-11-15T00:00:00.000Z"],
            ["SnapshotId": "snap-after", "StartTime": "2026-11-15T08:00:00+08:00"],
            ["SnapshotId": "snap-offset-before", "StartTime": "2026-11-15T07:59:00+08:00"],
        ]])
        harness.mock("DeleteSnapshot", returning: [:])
        let result = await harness.run(input: ["Cutoff": "2026-11-15T00:00:00Z"])
        #expect(result.output?["Deleted"] == ["snap-before", "snap-offset-before"])
        #expect(result.output?["KeptCount"] == 2)
        #expect(harness.invocations(of: "DeleteSnapshot").compactMap { $0["SnapshotId"]?.stringValue }.sorted()
            == ["snap-before", "snap-offset-before"])
    }

    @Test("Without a Cutoff the Lambda computes it from RetentionDays and the execution's start time")
    func computedCutoff() async throws {
        let harness = try Self.runbook.harness()
        try harness.load(try Self.runbook.configuration(), testCase: "CutoffFromLambda")
        _ = await harness.run(input: ["RetentionDays": 14])
        #expect(harness.invocations(of: "ComputeCutoff") == [[
            "FunctionName": "retention-cutoff",
            "Payload": ["RetentionDays": 14, "Now": "2026-01-01T00:00:00.000Z"],
        ]])
    }
}
