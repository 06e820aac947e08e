import Foundation
import StatesLanguage
import StatesLanguageFolders

/// A distributed Map over a CSV file in a local folder (`--bucket-dir`'s storage): batches of 100,
/// a child of one Pass state, MaxConcurrency 1,000, results exported as JSONL to the same folder.
/// Prints time and peak RSS for `rows` rows (run 100,000 first: peak RSS only grows, so the
/// 1,000,000-row figure shows whether memory grew with the item count).
func benchmarkDistributedMap(rows: Int, folder: URL) async throws {
    let file = folder.appendingPathComponent("rows-\(rows).csv")
    if !FileManager.default.fileExists(atPath: file.path) {
        _ = FileManager.default.createFile(atPath: file.path, contents: nil)
        let handle = try FileHandle(forWritingTo: file)
        var chunk = "id,name,zone\n"
        for i in 0..<rows {
            chunk += "\(i),instance-\(i),zone-\(i % 3)\n"
            if chunk.utf8.count > 1 << 20 {
                try handle.write(contentsOf: Data(chunk.utf8))
                chunk = ""
            }
        }
        try handle.write(contentsOf: Data(chunk.utf8))
        try handle.close()
    }
    let machine = try StateMachine(
        parsing: """
            {"StartAt": "Patch", "States": {"Patch": {"Type": "Map", "MaxConcurrency": 1000, "End": true,
              "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "CSV"},
                             "Parameters": {"Bucket": "fleet", "Key": "rows-\(rows).csv"}},
              "ItemBatcher": {"MaxItemsPerBatch": 100},
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
                "StartAt": "Handle", "States": {"Handle": {"Type": "Pass", "End": true}}},
              "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "fleet", "Prefix": "results"},
                               "WriterConfig": {"OutputType": "JSONL", "Transformation": "COMPACT"}}}}}
            """, name: "FleetPatch")
    var executor = Executor(clock: SystemClock())
    executor.recordsHistory = false
    executor.objectStorage = FolderObjectStorage(buckets: ["fleet": folder])
    let clock = ContinuousClock()
    let start = clock.now
    let result = await executor.run(machine)
    let elapsed = clock.now - start
    guard result.succeeded, let run = result.mapRuns.first else {
        print("distributed Map failed: \(String(describing: result.error))")
        return
    }
    report(
        "Distributed Map, \(rows) CSV rows, batches of 100, MaxConcurrency 1000", count: run.itemCounts.succeeded,
        unit: "items", elapsed: elapsed)
}
