import Foundation
import StatesLanguage
import Testing

/// The export of a Map Run aborted by a stop, over S3 calls served by task handlers that end with
/// the stop (as the AWS integrations do): `Executor.resultWriterGraceSeconds`, on a virtual clock.
@Suite("Distributed Map: the export of a stopped Map Run, in its grace")
struct DistributedMapStopExportTests {
    /// How the S3 `putObject` handler behaves.
    enum Bucket: Sendable {
        /// Answers after a tenth of a second on the request's clock.
        case working
        /// Takes a minute on the request's clock for every object.
        case slow
        /// Refuses the manifest.
        case refusingManifest
    }

    /// Children whose task waits for the stop (outside the clock, so simulated time stands still),
    /// S3 `putObject` served into `memory` by a handler that ends with the stop, and a signal for each
    /// child that started.
    static func executor(_ bucket: Bucket, memory: MemoryObjectStorage) -> (Executor, AsyncStream<Void>) {
        let (started, signal) = AsyncStream<Void>.makeStream()
        var registry = TaskRegistry()
        registry.register(for: "arn:aws:states:::lambda:invoke") { _ in
            signal.yield()
            // Nothing is ever sent: the loop ends when the stop cancels the task.
            let (never, continuation) = AsyncStream<Void>.makeStream()
            for await _ in never {}
            continuation.finish()
            throw CancellationError()
        }
        registry.register(for: "arn:aws:states:::aws-sdk:s3:putObject") { request in
            // As an HTTP call would, the handler fails once its task is cancelled.
            try Task.checkCancellation()
            let bucketName = request.input["Bucket"]?.stringValue ?? ""
            let key = request.input["Key"]?.stringValue ?? ""
            switch bucket {
            case .working: try await request.clock.sleep(seconds: 0.1)
            case .slow: try await request.clock.sleep(seconds: 60)
            case .refusingManifest where key.hasSuffix("/manifest.json"):
                throw StatesError("S3.AccessDenied", cause: "Access Denied")
            case .refusingManifest: break
            }
            try await memory.write(
                bucket: bucketName, key: key, contents: Array((request.input["Body"]?.stringValue ?? "").utf8))
            return ["ETag": "\"e\""]
        }
        return (Executor(registry: registry, clock: VirtualClock()), started)
    }

    static let machine = """
        {"StartAt": "Each", "States": {"Each": {"Type": "Map", "End": true, "MaxConcurrency": 2,
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}},
          "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "out", "Prefix": "runs"}}}}}
        """

    /// Starts the machine over five items, stops it once two children run, and returns the result.
    static func stopped(_ executor: Executor, started: AsyncStream<Void>) async throws -> ExecutionResult {
        let execution = try await executor.start(try StateMachine(parsing: machine, name: "Fleet"), input: [1, 2, 3, 4, 5])
        var children = 0
        for await _ in started {
            children += 1
            if children == 2 { break }
        }
        execution.stop(error: "Operator", cause: "enough")
        return await execution.result
    }

    /// The Map Run's `MapRunAborted` event.
    static func mapRunAborted(_ result: ExecutionResult) -> (error: String?, cause: String?)? {
        for event in result.history {
            if case .mapRunAborted(let error, let cause) = event.kind { return (error, cause) }
        }
        return nil
    }

    /// Checks that the execution ended aborted with `States.ResultWriterFailed` in `MapRunAborted`;
    /// returns that event's cause and the Map Run's id.
    static func writerFailure(_ result: ExecutionResult) throws -> (cause: String?, runID: String) {
        #expect(result.status.name == "ABORTED")
        #expect(result.history.map(\.kind.name).suffix(3) == ["MapRunAborted", "MapStateAborted", "ExecutionAborted"])
        let aborted = try #require(Self.mapRunAborted(result))
        #expect(aborted.error == "States.ResultWriterFailed")
        let runID = try #require(result.mapRuns.first?.arn.split(separator: ":").last.map(String.init))
        return (aborted.cause, runID)
    }

    @Test("after a stop, S3 calls that end with it are served in the grace: FAILED (ABORTED), PENDING and the manifest are written")
    func exportsAfterStop() async throws {
        let memory = MemoryObjectStorage()
        let (executor, started) = Self.executor(.working, memory: memory)
        let result = try await Self.stopped(executor, started: started)
        #expect(result.status.name == "ABORTED")
        #expect(result.history.map(\.kind.name).suffix(3) == ["MapRunAborted", "MapStateAborted", "ExecutionAborted"])
        let aborted = try #require(Self.mapRunAborted(result))
        #expect(aborted.error == nil && aborted.cause == nil, "\(aborted)")
        #expect(result.error == StatesError("Operator", cause: "enough"))

        let (manifest, entries) = try DistributedMapPendingTests.exported(memory)
        #expect(manifest["MapRunArn"] == .string(result.mapRuns.first?.arn ?? ""))
        #expect(Set((entries["FAILED"] ?? []).map { $0["Input"] }) == ["1", "2"])
        #expect((entries["FAILED"] ?? []).allSatisfy { $0["Status"] == "ABORTED" })
        #expect(entries["PENDING"]?.map { $0["Input"] } == ["3", "4", "5"])
        #expect(manifest["ResultFiles"]?["SUCCEEDED"] == [])
    }

    @Test("without a grace the export is not attempted after a stop, and MapRunAborted says so")
    func noGrace() async throws {
        let memory = MemoryObjectStorage()
        var (executor, started) = Self.executor(.working, memory: memory)
        executor.resultWriterGraceSeconds = 0
        let (cause, runID) = try Self.writerFailure(try await Self.stopped(executor, started: started))
        #expect(cause?.hasPrefix("s3://out/runs/\(runID)/manifest.json was not written") == true)
        #expect(memory.objects.isEmpty)
    }

    @Test("an export that outlasts the grace is cut there: States.ResultWriterFailed names the manifest, and the execution ends aborted at the grace")
    func graceRunsOut() async throws {
        let memory = MemoryObjectStorage()
        let (executor, started) = Self.executor(.slow, memory: memory)
        let result = try await Self.stopped(executor, started: started)
        let (cause, runID) = try Self.writerFailure(result)
        #expect(
            cause
                == "s3://out/runs/\(runID)/manifest.json was not written: the export of the aborted Map Run did not finish within 10 seconds of the stop (Executor.resultWriterGraceSeconds)")
        // The first write took the clock 60 s ahead; the grace ended it at 10 s, the moment of the stop
        // being the start (the children hold simulated time still until then).
        #expect(result.stopDate.timeIntervalSince(result.startDate) == 10)
        #expect(memory.objects.isEmpty)
    }

    @Test("an export that fails in its grace records the write's error: States.ResultWriterFailed naming the object")
    func exportFails() async throws {
        let memory = MemoryObjectStorage()
        let (executor, started) = Self.executor(.refusingManifest, memory: memory)
        let (cause, runID) = try Self.writerFailure(try await Self.stopped(executor, started: started))
        #expect(
            cause
                == "s3://out/runs/\(runID)/manifest.json could not be written: S3.AccessDenied: Access Denied")
        // The result files were written; only the manifest is missing, and the history says which.
        let keys = Set((memory.objects["out"] ?? [:]).keys)
        #expect(keys == ["runs/\(runID)/FAILED_0.json", "runs/\(runID)/PENDING_0.json"])
    }
}
