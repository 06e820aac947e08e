import Foundation
import StatesLanguage
import Synchronization
import Testing

/// `PENDING_n.json`: the children a Map Run never started because it failed or was aborted.
@Suite("Distributed Map: PENDING result files")
struct DistributedMapPendingTests {
    static let export = #""ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "out", "Prefix": "runs"}"#

    /// The manifest an export wrote, and the entries of each of its files (JSON or JSON Lines).
    static func exported(_ storage: MemoryObjectStorage) throws -> (manifest: JSONValue, entries: [String: [JSONValue]]) {
        let files = storage.objects["out"] ?? [:]
        let manifestKey = try #require(files.keys.first { $0.hasSuffix("/manifest.json") })
        let manifest = try JSONValue(parsing: try #require(files[manifestKey]))
        var entries: [String: [JSONValue]] = [:]
        for status in ["SUCCEEDED", "FAILED", "PENDING"] {
            for part in manifest["ResultFiles"]?[status]?.arrayValue ?? [] {
                let key = try #require(part["Key"]?.stringValue)
                let bytes = try #require(files[key])
                #expect(part["Size"] == .integer(bytes.count))
                let text = String(decoding: bytes, as: UTF8.self)
                if text.hasPrefix("[") {
                    entries[status, default: []] += try JSONValue(parsing: text).arrayValue ?? []
                } else {
                    for line in text.split(separator: "\n") { entries[status, default: []].append(try JSONValue(parsing: String(line))) }
                }
            }
        }
        return (manifest, entries)
    }

    @Test("a Map Run failing on its threshold writes the items it never started to PENDING_0.json, listed in the manifest")
    func thresholdExceeded() async throws {
        let machine = try DistributedMapTests.machine(
            #""MaxConcurrency": 1, "ToleratedFailureCount": 0, "#
                + Self.export + #", "WriterConfig": {"Transformation": "COMPACT"}}"#,
            child: DistributedMapTests.failingChild)
        let (result, storage) = await DistributedMapTests.run(machine, input: [1, 9, 2, 3, 4])
        #expect(result.error?.name == .exceedToleratedFailureThreshold)
        let (manifest, entries) = try Self.exported(storage)
        let pendingKey = try #require(manifest["ResultFiles"]?["PENDING"]?[0]?["Key"]?.stringValue)
        #expect(pendingKey.hasPrefix("runs/") && pendingKey.hasSuffix("/PENDING_0.json"))
        #expect(manifest["MapRunArn"] == .string(result.mapRuns.first?.arn ?? ""))
        // COMPACT keeps only outputs of children that succeeded; failed and pending keep the full form.
        #expect(entries["SUCCEEDED"] == [1])
        #expect(entries["FAILED"]?.map { $0["Input"] } == ["9"])
        let pending = entries["PENDING"] ?? []
        #expect(pending.map { $0["Input"] } == ["2", "3", "4"])
        #expect(pending.allSatisfy { $0["Status"] == "PENDING" && $0["InputDetails"] == ["Included": true] })
        #expect(pending.allSatisfy { $0["ExecutionArn"] == nil })
        #expect(result.mapRuns.first?.executionCounts.total == 2)
    }

    @Test("a pending batch is one entry: the child's input with its Items and BatchInput, as JSON Lines")
    func pendingBatches() async throws {
        var csv = "n\n9\n"
        for i in 1...7 { csv += "\(i)\n" }
        let machine = try DistributedMapTests.machine(
            DistributedMapTests.reader("CSV", key: "rows.csv")
                + #", "MaxConcurrency": 1, "ItemSelector": {"v.$": "$$.Map.Item.Value.n"}, "ItemBatcher": {"MaxItemsPerBatch": 3, "BatchInput": {"run": "x"}}, "#
                + Self.export + #", "WriterConfig": {"OutputType": "JSONL"}}"#,
            child: #"{"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "Batch.Failed"}}}"#)
        let (result, storage) = await DistributedMapTests.run(machine, objects: ["b": ["rows.csv": csv]])
        #expect(result.error?.name == .exceedToleratedFailureThreshold)
        let (_, entries) = try Self.exported(storage)
        #expect(entries["FAILED"]?.count == 1)
        #expect(try JSONValue(parsing: entries["FAILED"]?[0]["Input"]?.stringValue ?? "")["Items"] == [["v": "9"], ["v": "1"], ["v": "2"]])
        let pending = try (entries["PENDING"] ?? []).map { try JSONValue(parsing: $0["Input"]?.stringValue ?? "") }
        #expect(pending == [
            ["Items": [["v": "3"], ["v": "4"], ["v": "5"]], "BatchInput": ["run": "x"]],
            ["Items": [["v": "6"], ["v": "7"]], "BatchInput": ["run": "x"]],
        ])
    }

    @Test("a Map Run that ends well writes no PENDING file, and an inline WriterConfig writes nothing")
    func noPending() async throws {
        let machine = try DistributedMapTests.machine(Self.export + "}")
        let (result, storage) = await DistributedMapTests.run(machine, input: [1, 2])
        #expect(result.status.name == "SUCCEEDED")
        let (manifest, _) = try Self.exported(storage)
        #expect(manifest["ResultFiles"]?["PENDING"] == [])
        let inline = try DistributedMapTests.machine(
            #""MaxConcurrency": 1, "ResultWriter": {"WriterConfig": {"Transformation": "COMPACT"}}"#,
            child: DistributedMapTests.failingChild)
        let (failed, untouched) = await DistributedMapTests.run(inline, input: [9, 1])
        #expect(failed.error?.name == .exceedToleratedFailureThreshold)
        #expect(untouched.objects.isEmpty)
    }

    @Test("stopping the parent aborts the running children (FAILED, status ABORTED) and writes the rest as PENDING", arguments: [false, true])
    func abortWritesPending(fromReader: Bool) async throws {
        let machine = try DistributedMapTests.machine(
            (fromReader ? DistributedMapTests.reader("JSON", key: "items.json") + ", " : "") + #""MaxConcurrency": 2, "#
                + Self.export + "}",
            child: #"{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 3600, "End": true}}}"#)
        let storage = MemoryObjectStorage(objects: ["b": ["items.json": Array("[1, 2, 3, 4, 5]".utf8)]], chunkSize: 2)
        var executor = Executor(clock: SystemClock())
        executor.objectStorage = storage
        let execution = try await executor.start(machine, input: fromReader ? [:] : [1, 2, 3, 4, 5])
        for await event in execution.events {
            if case .mapRunStarted = event.kind { break }
        }
        execution.stop(error: "Operator", cause: "enough")
        let result = await execution.result
        #expect(result.status.name == "ABORTED")
        #expect(result.history.map(\.kind.name).suffix(3) == ["MapRunAborted", "MapStateAborted", "ExecutionAborted"])
        let (_, entries) = try Self.exported(storage)
        #expect(Set((entries["FAILED"] ?? []).map { $0["Input"] }) == ["1", "2"])
        #expect((entries["FAILED"] ?? []).allSatisfy { $0["Status"] == "ABORTED" })
        #expect(entries["PENDING"]?.map { $0["Input"] } == ["3", "4", "5"])
        #expect(result.mapRuns.first?.executionCounts.aborted == 2)
        #expect(result.mapRuns.first?.executionCounts.running == 0)
    }

    /// Objects read 20 bytes at a time through `AsyncThrowingStream(unfolding:)`, as local folders
    /// and S3 are: the stream ends as soon as the reading task is cancelled.
    struct UnfoldingStorage: ObjectStorage {
        let inner: MemoryObjectStorage
        func read(bucket: String, key: String) async throws -> AsyncThrowingStream<[UInt8], any Error> {
            let bytes = inner.objects[bucket]?[key] ?? []
            let offset = Mutex(0)
            return AsyncThrowingStream {
                offset.withLock { start -> [UInt8]? in
                    guard start < bytes.count else { return nil }
                    let end = min(start + 20, bytes.count)
                    defer { start = end }
                    return Array(bytes[start..<end])
                }
            }
        }
        func list(bucket: String, prefix: String, continuationToken: String?) async throws -> ObjectListing {
            try await inner.list(bucket: bucket, prefix: prefix, continuationToken: continuationToken)
        }
        func write(bucket: String, key: String, contents: [UInt8]) async throws {
            try await inner.write(bucket: bucket, key: key, contents: contents)
        }
    }

    @Test("after a stop, the rows never started are read on in the export's grace: PENDING holds them all, whole")
    func abortKeepsWholeItems() async throws {
        var csv = "id,name\n"
        for i in 1...40 { csv += "\(i),name-\(i)\n" }
        let machine = try DistributedMapTests.machine(
            DistributedMapTests.reader("CSV", key: "rows.csv") + #", "MaxConcurrency": 2, "# + Self.export + "}",
            child: #"{"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}"#)
        let memory = MemoryObjectStorage(objects: ["b": ["rows.csv": Array(csv.utf8)]])
        // Each child's task says it started, then waits until the stop cancels it.
        let (started, signal) = AsyncStream<Void>.makeStream()
        var registry = TaskRegistry()
        registry.register(for: "arn:aws:states:::lambda:invoke") { _ in
            signal.yield()
            try await Task.sleep(nanoseconds: 3_600_000_000_000)
            return .null
        }
        var executor = Executor(registry: registry, clock: SystemClock())
        executor.objectStorage = UnfoldingStorage(inner: memory)
        let execution = try await executor.start(machine)
        var children = 0
        for await _ in started {
            children += 1
            if children == 2 { break }
        }
        execution.stop()
        #expect(await execution.result.status.name == "ABORTED")
        let (_, entries) = try Self.exported(memory)
        let pending = try (entries["PENDING"] ?? []).map { try JSONValue(parsing: $0["Input"]?.stringValue ?? "") }
        // Rows 1 to 3 were read whole before the stop, and row 4 only as "4,nam": the grace reads the
        // rest of the object in a task the stop did not cancel, so row 4 is whole and nothing is lost.
        #expect(pending == (3...40).map { ["id": .string("\($0)"), "name": .string("name-\($0)")] })
    }
}
