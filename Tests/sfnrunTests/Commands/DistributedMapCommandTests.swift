import Foundation
import StatesLanguage
import Testing

@testable import sfnrun

/// `sfnrun start --bucket-dir` with a distributed Map, and the Map Runs in `describe` and `list --map-run`.
@Suite("Distributed Map from the command line")
struct DistributedMapCommandTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("sfnrun-dmap-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("data"), withIntermediateDirectories: true)
    }

    @Test("a CSV from --bucket-dir runs in batches, results land in the folder, describe shows the Map Run and list --map-run its children")
    func bucketDir() async throws {
        var csv = "host,zone\n"
        for i in 0..<250 { csv += "web-\(i),zone-\(i % 3)\n" }
        try csv.write(to: folder.appendingPathComponent("data/hosts.csv"), atomically: true, encoding: .utf8)
        let definition = folder.appendingPathComponent("fleet.json")
        try #"""
            {"StartAt": "Patch", "States": {"Patch": {"Type": "Map", "Label": "Hosts", "MaxConcurrency": 4, "End": true,
              "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "CSV"},
                             "Parameters": {"Bucket": "fleet", "Key": "hosts.csv"}},
              "ItemBatcher": {"MaxItemsPerBatch": 100},
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
                "StartAt": "Count", "States": {"Count": {"Type": "Pass", "Parameters": {"n.$": "States.ArrayLength($.Items)"}, "End": true}}},
              "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "fleet", "Prefix": "out"}}}}}
            """#.write(to: definition, atomically: true, encoding: .utf8)
        let store = folder.appendingPathComponent("store").path
        let (status, io) = await sfnrun([
            "start", definition.path, "--bucket-dir", "fleet=\(folder.appendingPathComponent("data").path)",
            "--name", "nightly", "--store", store, "--output", "json", "--quiet",
        ])
        #expect(status == .success, "\(io.error)")
        let output = try JSONValue(parsing: try #require(try JSONValue(parsing: io.output)["output"]?.stringValue))
        let key = try #require(output["ResultWriterDetails"]?["Key"]?.stringValue)
        let manifest = try JSONValue(parsing: try String(contentsOf: folder.appendingPathComponent("data/\(key)"), encoding: .utf8))
        #expect(manifest["ResultFiles"]?["SUCCEEDED"]?.arrayValue?.count == 1)

        let (_, described) = await sfnrun(["describe", "nightly", "--store", store, "--output", "json"])
        let run = try #require(try JSONValue(parsing: described.output)["mapRuns"]?[0])
        #expect(run["status"] == "SUCCEEDED")
        #expect(run["itemCounts"]?["succeeded"] == 250)
        #expect(run["executionCounts"]?["succeeded"] == 3)
        let arn = try #require(run["mapRunArn"]?.stringValue)
        #expect(output["MapRunArn"]?.stringValue == arn)
        let (_, text) = await sfnrun(["describe", "nightly", "--store", store])
        #expect(text.output.contains("mapRun:") && text.output.contains("250 succeeded"))

        let (listed, children) = await sfnrun(["list", "--map-run", arn, "--store", store])
        #expect(listed == .success)
        let arns = children.output.split(separator: "\n")
        #expect(arns.count == 3)
        #expect(arns.allSatisfy { $0.contains(":express:fleet/Hosts:") })  // EXPRESS children
    }

    @Test("STANDARD children are stored executions: list hides them, list --map-run shows them with their status")
    func storedChildren() async throws {
        let definition = folder.appendingPathComponent("each.json")
        try #"""
            {"StartAt": "Each", "States": {"Each": {"Type": "Map", "End": true,
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}
            """#.write(to: definition, atomically: true, encoding: .utf8)
        let store = folder.appendingPathComponent("store").path
        let (status, _) = await sfnrun(["start", definition.path, "--input", "[1, 2]", "--name", "parent", "--store", store, "--quiet"])
        #expect(status == .success)
        let (_, listed) = await sfnrun(["list", "--store", store, "--output", "json"])
        #expect(try JSONValue(parsing: listed.output)["executions"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["parent"])
        let (_, described) = await sfnrun(["describe", "parent", "--store", store, "--output", "json"])
        let arn = try #require(try JSONValue(parsing: described.output)["mapRuns"]?[0]?["mapRunArn"]?.stringValue)
        let (_, children) = await sfnrun(["list", "--map-run", arn, "--store", store, "--output", "json"])
        let entries = try #require(try JSONValue(parsing: children.output)["executions"]?.arrayValue)
        #expect(entries.count == 2)
        #expect(entries.allSatisfy { $0["status"] == "SUCCEEDED" && $0["mapRunArn"]?.stringValue == arn })
        #expect(entries.allSatisfy { $0["stateMachineArn"]?.stringValue?.hasSuffix(":stateMachine:each/Each") == true })
    }

    @Test("a Map Run failing on its threshold leaves PENDING_0.json and the manifest in the --bucket-dir folder")
    func pendingInFolder() async throws {
        try "[1, 2, 9, 3, 4]".write(to: folder.appendingPathComponent("data/sizes.json"), atomically: true, encoding: .utf8)
        let definition = folder.appendingPathComponent("sizes.json")
        try #"""
            {"StartAt": "Each", "States": {"Each": {"Type": "Map", "MaxConcurrency": 1, "ToleratedFailureCount": 0, "End": true,
              "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSON"},
                             "Parameters": {"Bucket": "fleet", "Key": "sizes.json"}},
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"}, "StartAt": "C",
                "States": {"C": {"Type": "Choice", "Choices": [{"Variable": "$", "NumericGreaterThan": 5, "Next": "Bad"}], "Default": "Ok"},
                           "Ok": {"Type": "Pass", "End": true}, "Bad": {"Type": "Fail", "Error": "Too.Big"}}},
              "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "fleet", "Prefix": "out"}}}}}
            """#.write(to: definition, atomically: true, encoding: .utf8)
        let data = folder.appendingPathComponent("data")
        let (status, _) = await sfnrun(["start", definition.path, "--bucket-dir", "fleet=\(data.path)", "--no-store", "--quiet"])
        #expect(status != .success)
        let runs = try FileManager.default.contentsOfDirectory(atPath: data.appendingPathComponent("out").path)
        let run = try #require(runs.first)
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: data.appendingPathComponent("out/\(run)").path))
        #expect(files == ["SUCCEEDED_0.json", "FAILED_0.json", "PENDING_0.json", "manifest.json"])
        let manifest = try JSONValue(parsing: try String(contentsOf: data.appendingPathComponent("out/\(run)/manifest.json"), encoding: .utf8))
        #expect(manifest["ResultFiles"]?["PENDING"]?[0]?["Key"] == .string("out/\(run)/PENDING_0.json"))
        let pending = try JSONValue(parsing: try String(contentsOf: data.appendingPathComponent("out/\(run)/PENDING_0.json"), encoding: .utf8))
        #expect(pending.arrayValue?.map { $0["Input"] } == ["3", "4"])
    }

    @Test("--bucket-dir refuses a value without '=' and a folder that does not exist")
    func refusals() async throws {
        let (bad, io) = await sfnrun(["start", "x.json", "--bucket-dir", "nobucket"])
        #expect(bad == .usage)
        #expect(io.error.contains("BUCKET=DIR"))
        let (missing, io2) = await sfnrun(["start", "x.json", "--bucket-dir", "b=/no/such/folder"])
        #expect(missing == .usage)
        #expect(io2.error.contains("not a folder"))
    }
}
