import Foundation
import StatesLanguage
import Testing

@testable import StatesLanguageAWS

/// Distributed Maps whose ItemReader and ResultWriter talk to moto's S3 through the AWS integrations.
@Suite("Distributed Map against moto's S3", .enabled(if: MotoServer.isAvailable, MotoServer.skipMessage))
struct DistributedMapMotoTests {
    let bucket = "dmap-\(UUID().uuidString.prefix(8).lowercased())"

    func client() async throws -> AWSClient { AWSClient(configuration: try await MotoServer.configuration()) }

    func put(_ client: AWSClient, _ key: String, _ body: String) async throws {
        _ = try await client.call(
            service: "s3", action: "putObject", parameters: ["Bucket": .string(bucket), "Key": .string(key), "Body": .string(body)])
    }

    func executor(chunkSize: Int? = nil) async throws -> Executor {
        var registry = TaskRegistry()
        registry.registerAWSIntegrations(try await MotoServer.configuration())
        var executor = Executor(registry: registry)
        if let chunkSize {
            var storage = TaskObjectStorage(registry: registry, stateName: "Each")
            storage.chunkSize = chunkSize
            executor.objectStorage = storage
        }
        return executor
    }

    func machine(_ fields: String, child: String = #""StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}"#) throws
        -> StateMachine
    {
        try StateMachine(
            parsing: #"{"StartAt": "Each", "States": {"Each": {"Type": "Map", "End": true, "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED"}, "#
                + child + "}, " + fields + "}}}", name: "MotoFleet")
    }

    func reader(_ type: String, _ key: String, _ extra: String = "") -> String {
        #""ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": ""# + type + #"""#
            + extra + #"}, "Parameters": {"Bucket": ""# + bucket + #"", "Key": ""# + key + #""}}"#
    }

    @Test("JSON, JSONL and CSV objects are read from S3, in 16-byte ranges and in one range")
    func readers() async throws {
        let client = try await client()
        _ = try await client.call(service: "s3", action: "createBucket", parameters: ["Bucket": .string(bucket)])
        try await put(client, "items.json", #"[{"id": "i-1"}, {"id": "i-2"}, {"id": "i-3 é"}]"#)
        try await put(client, "items.jsonl", "{\"id\": \"i-1\"}\n{\"id\": \"i-2\"}\n")
        try await put(client, "hosts.csv", "host;zone\nweb-1;a\nweb-2;b\n")
        for chunkSize in [16, nil] as [Int?] {
            let executor = try await executor(chunkSize: chunkSize)
            let json = await executor.run(try machine(reader("JSON", "items.json")))
            #expect(json.output == [["id": "i-1"], ["id": "i-2"], ["id": "i-3 é"]], "\(String(describing: json.error))")
            let lines = await executor.run(try machine(reader("JSONL", "items.jsonl")))
            #expect(lines.output == [["id": "i-1"], ["id": "i-2"]])
            let csv = await executor.run(try machine(reader("CSV", "hosts.csv", #", "CSVDelimiter": "SEMICOLON""#)))
            #expect(csv.output == [["host": "web-1", "zone": "a"], ["host": "web-2", "zone": "b"]])
        }
        let missing = try await executor().run(try machine(reader("JSON", "nope.json")))
        #expect(missing.error?.name == .itemReaderFailed)
        #expect(missing.error?.cause?.contains("s3://\(bucket)/nope.json") == true)
    }

    @Test("listObjectsV2 lists the keys under a prefix")
    func listing() async throws {
        let client = try await client()
        _ = try await client.call(service: "s3", action: "createBucket", parameters: ["Bucket": .string(bucket)])
        for key in ["logs/a.txt", "logs/b.txt", "other/c.txt"] { try await put(client, key, "x") }
        let result = try await executor().run(
            try machine(#""ItemReader": {"Resource": "arn:aws:states:::s3:listObjectsV2", "Parameters": {"Bucket": ""# + bucket + #"", "Prefix": "logs/"}}"#))
        let keys = (result.output?.arrayValue ?? []).compactMap { $0["Key"]?.stringValue }
        #expect(keys == ["logs/a.txt", "logs/b.txt"], "\(String(describing: result.error))")
        #expect(result.output?[0]?["Size"] == 1)
    }

    @Test("ResultWriter files are written to S3 and read back; ToleratedFailurePercentage lets 1 failure of 4 through")
    func resultWriterAndTolerance() async throws {
        let client = try await client()
        _ = try await client.call(service: "s3", action: "createBucket", parameters: ["Bucket": .string(bucket)])
        let child = #""StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Variable": "$", "NumericEquals": 3, "Next": "Bad"}], "Default": "Ok"}, "Ok": {"Type": "Pass", "End": true}, "Bad": {"Type": "Fail", "Error": "Patch.Failed", "Cause": "three"}}"#
        let machine = try machine(
            #""ToleratedFailurePercentage": 25, "MaxConcurrency": 2, "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": ""# + bucket + #"", "Prefix": "results"}}"#,
            child: child)
        let result = try await executor().run(machine, input: [1, 2, 3, 4])
        #expect(result.status.name == "SUCCEEDED", "\(String(describing: result.error))")
        let key = try #require(result.output?["ResultWriterDetails"]?["Key"]?.stringValue)
        let manifest = try JSONValue(parsing: try #require(
            try await client.call(service: "s3", action: "getObject", parameters: ["Bucket": .string(bucket), "Key": .string(key)])["Body"]?.stringValue))
        let succeededKey = try #require(manifest["ResultFiles"]?["SUCCEEDED"]?[0]?["Key"]?.stringValue)
        let failedKey = try #require(manifest["ResultFiles"]?["FAILED"]?[0]?["Key"]?.stringValue)
        let succeeded = try JSONValue(parsing: try #require(
            try await client.call(service: "s3", action: "getObject", parameters: ["Bucket": .string(bucket), "Key": .string(succeededKey)])["Body"]?.stringValue))
        #expect(Set((succeeded.arrayValue ?? []).compactMap { $0["Output"]?.stringValue }) == ["1", "2", "4"])
        let failed = try JSONValue(parsing: try #require(
            try await client.call(service: "s3", action: "getObject", parameters: ["Bucket": .string(bucket), "Key": .string(failedKey)])["Body"]?.stringValue))
        #expect(failed[0]?["Error"] == "Patch.Failed" && failed[0]?["Input"] == "3")

        let strict = try self.machine(#""ToleratedFailurePercentage": 20, "MaxConcurrency": 1"#, child: child)
        let failedRun = try await executor().run(strict, input: [1, 2, 3, 4])
        #expect(failedRun.error?.name == .exceedToleratedFailureThreshold)
    }

    /// An object's body read back through S3, parsed.
    func object(_ client: AWSClient, _ key: String) async throws -> JSONValue {
        let output = try await client.call(
            service: "s3", action: "getObject", parameters: ["Bucket": .string(bucket), "Key": .string(key)])
        return try JSONValue(parsing: try #require(output["Body"]?.stringValue))
    }

    /// The entries of each result file a manifest lists, read back through S3.
    func results(_ client: AWSClient, manifest: JSONValue) async throws -> [String: [JSONValue]] {
        var entries: [String: [JSONValue]] = [:]
        for status in ["SUCCEEDED", "FAILED", "PENDING"] {
            entries[status] = []
            for part in manifest["ResultFiles"]?[status]?.arrayValue ?? [] {
                entries[status]! += try await object(client, try #require(part["Key"]?.stringValue)).arrayValue ?? []
            }
        }
        return entries
    }

    /// Children that fetch `ready/ITEM` from the bucket: they fail while that object is missing.
    var readyChild: String {
        #""StartAt": "Check", "States": {"Check": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:s3:getObject", "Parameters": {"Bucket": ""#
            + bucket + #"", "Key.$": "States.Format('ready/{}', $)"}, "ResultSelector": {"ready.$": "$.Body"}, "End": true}}"#
    }

    @Test("a Map Run failing beyond ToleratedFailurePercentage is redriven from the store: only the failed items run again, and the results are read back from S3")
    func redrive() async throws {
        let client = try await client()
        _ = try await client.call(service: "s3", action: "createBucket", parameters: ["Bucket": .string(bucket)])
        try await put(client, "items.json", "[1, 2, 3, 4, 5, 6]")
        for item in [1, 3, 4, 6] { try await put(client, "ready/\(item)", "yes-\(item)") }
        let machine = try machine(
            reader("JSON", "items.json")
                + #", "Label": "Ready", "MaxConcurrency": 2, "ToleratedFailurePercentage": 20, "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": ""#
                + bucket + #"", "Prefix": "runs"}}"#,
            child: readyChild)
        let store = InMemoryExecutionStore()
        var executor = try await executor()
        executor.store = store
        let first = try await executor.start(machine, name: "ready-check").result
        #expect(first.error?.name == .exceedToleratedFailureThreshold, "\(String(describing: first.error))")
        let mapRunARN = try #require(first.mapRuns.first?.arn)
        let runID = try #require(mapRunARN.split(separator: ":").last.map(String.init))
        let firstManifest = try await object(client, "runs/\(runID)/manifest.json")
        #expect(firstManifest["MapRunArn"] == .string(mapRunARN))
        let firstResults = try await results(client, manifest: firstManifest)
        #expect(Set(firstResults["SUCCEEDED"]?.map { $0["Input"] } ?? []) == ["1", "3", "4", "6"])
        #expect(Set(firstResults["FAILED"]?.map { $0["Input"] } ?? []) == ["2", "5"])
        #expect(firstResults["FAILED"]?.allSatisfy { $0["Error"]?.stringValue?.hasPrefix("S3.") == true } == true)

        // The failure is fixed, then the parent is redriven from the store.
        for item in [2, 5] { try await put(client, "ready/\(item)", "yes-\(item)") }
        let childrenBefore = try store.names().filter { $0 != "ready-check" }
        let second = try await executor.redrive("ready-check").result
        #expect(second.status.name == "SUCCEEDED", "\(String(describing: second.error))")
        #expect(second.history.contains { if case .mapRunRedriven(let arn, 1) = $0.kind { arn == mapRunARN } else { false } })
        let rerun = try store.names().filter { $0 != "ready-check" && !childrenBefore.contains($0) }
        #expect(try rerun.map { try store.read($0).start.input }.sorted { $0.jsonString() < $1.jsonString() } == [2, 5])
        #expect(try rerun.allSatisfy { try store.read($0).status == "SUCCEEDED" })

        let key = try #require(second.output?["ResultWriterDetails"]?["Key"]?.stringValue)
        #expect(key == "runs/\(runID)/manifest.json")
        let manifest = try await object(client, key)
        let entries = try await results(client, manifest: manifest)
        #expect(entries["SUCCEEDED"]?.count == 6)
        #expect(Set(entries["SUCCEEDED"]?.compactMap { $0["Output"]?.stringValue } ?? []) == Set((1...6).map { #"{"ready":"yes-\#($0)"}"# }))
        #expect(entries["FAILED"] == [] && entries["PENDING"] == [])
        #expect(manifest["ResultFiles"]?["PENDING"] == [])
    }

    @Test("a Map Run stopped by its first failure leaves the items it never started in PENDING_0.json on S3")
    func pending() async throws {
        let client = try await client()
        _ = try await client.call(service: "s3", action: "createBucket", parameters: ["Bucket": .string(bucket)])
        try await put(client, "items.json", "[1, 2, 3, 4]")
        try await put(client, "ready/1", "yes")
        let machine = try machine(
            reader("JSON", "items.json")
                + #", "MaxConcurrency": 1, "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": ""#
                + bucket + #"", "Prefix": "runs"}, "WriterConfig": {"Transformation": "COMPACT"}}"#,
            child: readyChild)
        let result = try await executor().run(machine)
        #expect(result.error?.name == .exceedToleratedFailureThreshold)
        let runID = try #require(result.mapRuns.first?.arn.split(separator: ":").last.map(String.init))
        let manifest = try await object(client, "runs/\(runID)/manifest.json")
        let entries = try await results(client, manifest: manifest)
        #expect(entries["SUCCEEDED"] == [["ready": "yes"]])
        #expect(entries["FAILED"]?.map { $0["Input"] } == ["2"])
        #expect(entries["PENDING"]?.map { $0["Input"] } == ["3", "4"])
        #expect(entries["PENDING"]?.allSatisfy { $0["Status"] == "PENDING" } == true)
    }

    @Test("a Map Run aborted by a stop still exports to S3 in its grace: SUCCEEDED, FAILED (ABORTED), PENDING and the manifest, read back from S3")
    func stopExports() async throws {
        let client = try await client()
        _ = try await client.call(service: "s3", action: "createBucket", parameters: ["Bucket": .string(bucket)])
        try await put(client, "hosts.csv", "host,quick\nweb-1,yes\nweb-2,yes\nweb-3,no\nweb-4,no\nweb-5,yes\nweb-6,yes\n")
        // Quick hosts pass; the others wait in a task until the stop, after signalling that they started.
        let hold = "arn:aws:lambda:us-east-1:123456789012:function:hold"
        let child = #""StartAt": "Quick", "States": {"Quick": {"Type": "Choice", "Choices": [{"Variable": "$.quick", "StringEquals": "yes", "Next": "Done"}], "Default": "Hold"}, "Done": {"Type": "Pass", "End": true}, "Hold": {"Type": "Task", "Resource": ""#
            + hold + #"", "End": true}}"#
        let machine = try machine(
            reader("CSV", "hosts.csv")
                + #", "MaxConcurrency": 2, "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": ""#
                + bucket + #"", "Prefix": "stopped"}}"#,
            child: child)
        var registry = TaskRegistry()
        registry.registerAWSIntegrations(try await MotoServer.configuration())
        let (started, signal) = AsyncStream<Void>.makeStream()
        registry.register(for: hold) { _ in
            signal.yield()
            let (never, continuation) = AsyncStream<Void>.makeStream()
            for await _ in never {}
            continuation.finish()
            throw CancellationError()
        }
        let execution = try await Executor(registry: registry).start(machine)
        // web-3 starts once web-1 has ended, web-4 once web-2 has: both quick ones are kept by then.
        var holding = 0
        for await _ in started {
            holding += 1
            if holding == 2 { break }
        }
        execution.stop(error: "Operator", cause: "maintenance window over")
        let result = await execution.result
        #expect(result.status.name == "ABORTED")
        #expect(result.history.map(\.kind.name).suffix(3) == ["MapRunAborted", "MapStateAborted", "ExecutionAborted"])
        #expect(result.history.contains { if case .mapRunAborted(nil, nil) = $0.kind { true } else { false } })

        let mapRunARN = try #require(result.mapRuns.first?.arn)
        let runID = try #require(mapRunARN.split(separator: ":").last.map(String.init))
        let manifest = try await object(client, "stopped/\(runID)/manifest.json")
        #expect(manifest["MapRunArn"] == .string(mapRunARN))
        #expect(manifest["DestinationBucket"] == .string(bucket))
        for (status, file) in [("SUCCEEDED", "SUCCEEDED_0.json"), ("FAILED", "FAILED_0.json"), ("PENDING", "PENDING_0.json")] {
            #expect(manifest["ResultFiles"]?[status]?.arrayValue?.compactMap { $0["Key"]?.stringValue } == ["stopped/\(runID)/\(file)"])
        }
        // Every file the manifest lists is read back from S3.
        let entries = try await results(client, manifest: manifest)
        func hosts(_ status: String) throws -> Set<String> {
            Set(try (entries[status] ?? []).compactMap { try JSONValue(parsing: $0["Input"]?.stringValue ?? "")["host"]?.stringValue })
        }
        #expect(try hosts("SUCCEEDED") == ["web-1", "web-2"])
        #expect(try hosts("FAILED") == ["web-3", "web-4"])
        #expect(entries["FAILED"]?.allSatisfy { $0["Status"] == "ABORTED" } == true)
        #expect(try hosts("PENDING") == ["web-5", "web-6"])
        #expect(entries["PENDING"]?.allSatisfy { $0["Status"] == "PENDING" } == true)
    }

    /// Stores bytes as they are (the S3 integration's `Body` is text), with a plain PUT moto accepts unsigned.
    func putBytes(_ key: String, _ bytes: [UInt8]) async throws {
        let url = try await MotoServer.shared.value.url.appendingPathComponent(bucket).appendingPathComponent(key)
        let response = try await URLSessionHTTPClient().send(HTTPRequest(method: "PUT", url: url, body: bytes))
        #expect(response.statusCode == 200)
    }

    @Test("binary objects come through S3's base64 bodies: a gzip inventory data file read in 1,000-byte ranges, and a CSV that is not UTF-8 refused by row and field")
    func binaryObjects() async throws {
        let client = try await client()
        _ = try await client.call(service: "s3", action: "createBucket", parameters: ["Bucket": .string(bucket)])
        let fixture = MotoServer.repositoryRoot.appendingPathComponent("Tests/StatesLanguageTests/Engine/Fixtures/inventory-part.csv.gz")
        try await putBytes("inv/1.csv.gz", Array(try Data(contentsOf: fixture)))
        try await put(client, "inv/manifest.json", #"{"fileSchema": "Bucket, Key, Size", "files": [{"key": "inv/1.csv.gz"}]}"#)
        let executor = try await executor(chunkSize: 1000)
        let inventory = await executor.run(try machine(reader("MANIFEST", "inv/manifest.json")))
        let rows = inventory.output?.arrayValue ?? []
        #expect(rows.count == 1000, "\(String(describing: inventory.error))")
        #expect(rows.last == ["Bucket": "src", "Key": "key-00999.txt", "Size": .string("\(999 * 7919 % 100_003)")])

        try await putBytes("latin1.csv", Array("host\nweb-1\ncaf".utf8) + [0xE9] + Array("\n".utf8))
        let latin1 = await executor.run(try machine(reader("CSV", "latin1.csv")))
        #expect(latin1.error?.name == .itemReaderFailed)
        #expect(latin1.error?.cause == "s3://\(bucket)/latin1.csv: row 2 (line 3), field 1 is not valid UTF-8: byte 0xE9 at byte 4 of the field")
    }
}
