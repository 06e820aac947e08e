import Foundation
import StatesLanguage
import StatesLanguageFolders
import Testing

@Suite("Local folders as S3 buckets")
struct FolderObjectStorageTests {
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sfnrun-folders-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("objects written under nested keys read back in chunks and list by prefix, page by page")
    func roundTrip() async throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var storage = FolderObjectStorage(buckets: ["b": folder])
        storage.chunkSize = 7
        let text = Array("0123456789abcdefghij".utf8)
        try await storage.write(bucket: "b", key: "runs/x/data.txt", contents: text)
        var read: [UInt8] = []
        var chunks = 0
        for try await chunk in try await storage.read(bucket: "b", key: "runs/x/data.txt") {
            read += chunk
            chunks += 1
        }
        #expect(read == text)
        #expect(chunks == 3)
        for i in 0..<1005 { try await storage.write(bucket: "b", key: "many/\(String(format: "%05d", i))", contents: [1]) }
        let first = try await storage.list(bucket: "b", prefix: "many/", continuationToken: nil)
        #expect(first.objects.count == 1000)
        let second = try await storage.list(bucket: "b", prefix: "many/", continuationToken: first.nextContinuationToken)
        #expect(second.objects.map(\.key) == (1000..<1005).map { "many/\(String(format: "%05d", $0))" })
        #expect(second.nextContinuationToken == nil)
    }

    @Test("a missing key, an unmapped bucket and a key climbing out of the folder are refused")
    func refusals() async throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let storage = FolderObjectStorage(buckets: ["b": folder])
        await #expect(throws: ObjectStorageError.self) { _ = try await storage.read(bucket: "b", key: "nope.json") }
        await #expect(throws: ObjectStorageError.self) { _ = try await storage.read(bucket: "other", key: "a") }
        await #expect(throws: ObjectStorageError.self) {
            try await storage.write(bucket: "b", key: "../escape.json", contents: [])
        }
    }

    @Test("a 100,000-row CSV in a folder runs in batches of 100 and the results land in the folder with a manifest")
    func largeCSV() async throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var csv = "id,name\n"
        for i in 0..<100_000 { csv += "\(i),item-\(i)\n" }
        try Data(csv.utf8).write(to: folder.appendingPathComponent("rows.csv"))
        let machine = try StateMachine(
            parsing: """
                {"StartAt": "Each", "States": {"Each": {"Type": "Map", "MaxConcurrency": 50,
                  "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "CSV"},
                                 "Parameters": {"Bucket": "data", "Key": "rows.csv"}},
                  "ItemBatcher": {"MaxItemsPerBatch": 100},
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
                    "StartAt": "Count", "States": {"Count": {"Type": "Pass", "Parameters": {"n.$": "States.ArrayLength($.Items)"}, "End": true}}},
                  "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "data", "Prefix": "out"},
                                   "WriterConfig": {"OutputType": "JSONL", "Transformation": "COMPACT"}},
                  "End": true}}}
                """, name: "Rows")
        var executor = Executor(clock: VirtualClock())
        executor.recordsHistory = false
        executor.objectStorage = FolderObjectStorage(buckets: ["data": folder])
        let result = await executor.run(machine)
        #expect(result.status.name == "SUCCEEDED", "\(String(describing: result.error))")
        let key = try #require(result.output?["ResultWriterDetails"]?["Key"]?.stringValue)
        let manifest = try JSONValue(parsing: Array(try Data(contentsOf: folder.appendingPathComponent(key))))
        let parts = manifest["ResultFiles"]?["SUCCEEDED"]?.arrayValue ?? []
        var total = 0
        var lines = 0
        for part in parts {
            let text = try String(contentsOf: folder.appendingPathComponent(part["Key"]?.stringValue ?? ""), encoding: .utf8)
            for line in text.split(separator: "\n") {
                total += try JSONValue(parsing: String(line))["n"]?.intValue ?? 0
                lines += 1
            }
        }
        #expect(lines == 1000)
        #expect(total == 100_000)
        let run = try #require(result.mapRuns.first)
        #expect(run.itemCounts.succeeded == 100_000)
        #expect(run.executionCounts.succeeded == 1000)
        #expect(run.status == "SUCCEEDED")
    }
}
