import StatesLanguage
import StatesLanguageTesting
import Testing

@Suite("Runbook: fleet-patching (Distributed Map)")
struct FleetPatchingTests {
    static let runbook = Runbook(name: "fleet-patching")
    static let input: JSONValue = [
        "InventoryBucket": "inventory", "InventoryKey": "fleet/instances.csv", "Operation": "Install",
        "ReportBucket": "patch-reports", "TopicArn": "arn:aws:sns:us-east-1:123456789012:patching",
    ]

    @Test("The definition is valid")
    func valid() { Self.runbook.expectValid() }

    func run(_ testCase: String) async throws -> (ExecutionResult, WorkflowHarness) {
        let harness = try Self.runbook.harness()
        _ = try harness.load(try Self.runbook.configuration(), testCase: testCase)
        return (await harness.run(input: Self.input), harness)
    }

    @Test("120 instances from the inventory CSV are patched in batches of 50, 50 and 20; the results go to S3")
    func allPatched() async throws {
        let (result, harness) = try await run("AllPatched")
        #expect(result.status.name == "SUCCEEDED", "\(String(describing: result.error))")
        let batches = harness.invocations(of: "RunPatchBaseline")
        #expect(batches.map { $0["InstanceIds"]?.arrayValue?.count ?? 0 }.sorted() == [20, 50, 50])
        #expect(batches.allSatisfy { $0["DocumentName"] == "AWS-RunPatchBaseline" && $0["Parameters"] == ["Operation": ["Install"]] })
        let s3 = harness.invocations(of: "PatchFleet")
        #expect(s3.first == ["Bucket": "inventory", "Key": "fleet/instances.csv", "Range": "bytes=0-4194303"])
        let key = try #require(result.output?["ResultWriterDetails"]?["Key"]?.stringValue)
        #expect(key.hasPrefix("fleet-patching/") && key.hasSuffix("/manifest.json"))
        #expect(result.output?["ResultWriterDetails"]?["Bucket"] == "patch-reports")
        #expect(s3.last?["Key"]?.stringValue == key)
        #expect(harness.invocations(of: "Notify").first?["Message"]?.stringValue == "Per-batch results: s3://patch-reports/\(key)")
        #expect(result.mapRuns.first?.itemCounts.succeeded == 120)
    }

    @Test("Batches that fail beyond 5% fail the run with States.ExceedToleratedFailureThreshold, still with a manifest")
    func batchesFail() async throws {
        let (result, harness) = try await run("BatchesFail")
        #expect(result.error?.name == .exceedToleratedFailureThreshold)
        #expect(harness.invocations(of: "PatchFleet").last?["Key"]?.stringValue?.hasSuffix("/manifest.json") == true)
        #expect(harness.invocations(of: "Notify").isEmpty)
    }

    @Test("A missing inventory object fails with States.ItemReaderFailed naming it")
    func inventoryMissing() async throws {
        let (result, _) = try await run("InventoryMissing")
        #expect(result.error?.name == .itemReaderFailed)
        #expect(result.error?.cause?.contains("s3://inventory/fleet/instances.csv") == true)
    }
}
