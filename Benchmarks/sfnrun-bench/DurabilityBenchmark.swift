import Foundation
import StatesLanguage
import StatesLanguageStore

/// The cost of durable executions: the Pass→Choice loop with the execution store on and off, fsyncs
/// per task, and the time to resume from a 20,000-event journal.
enum DurabilityBenchmark {
    static func run() async throws {
        let clock = ContinuousClock()
        let folder = NSTemporaryDirectory() + "sfnrun-bench-store-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }

        // 1. The Pass → Choice loop, history kept, without and with a file store.
        let iterations = 100_000
        let loop = try loopMachine(iterations: iterations)
        var medians: [String: Double] = [:]
        // The in-memory store shows the engine's own cost of journaling; the file store adds the writing.
        for kind in ["off", "in memory", "on"] {
            var rounds: [Duration] = []
            for round in 0..<5 {
                var executor = Executor(clock: VirtualClock(), limits: .unlimited)
                if kind == "on" { executor.store = FileExecutionStore(directory: folder) }
                if kind == "in memory" { executor.store = InMemoryExecutionStore() }
                let start = clock.now
                let result = try await executor.start(loop, input: ["i": 0], name: "loop-\(round)").result
                rounds.append(clock.now - start)
                guard result.output == ["i": .integer(iterations)] else { fatalError("loop failed: \(result.status)") }
            }
            rounds.sort()
            medians[kind] = seconds(rounds[2])
            report(
                "Pass→Choice loop, 100,000 iterations, store \(kind), median", count: 2 * iterations + 1,
                unit: "transitions", elapsed: rounds[2])
        }
        if let off = medians["off"], let on = medians["on"], let memory = medians["in memory"] {
            print(String(format: "  the file store costs %.1f%% (goal: at most 20%%); journaling alone (in memory) %.1f%%",
                (on / off - 1) * 100, (memory / off - 1) * 100))
        }

        // 2. fsyncs per task: 100 tasks (a Map of 100 items, one at a time), with a Pass and a Choice each.
        let tasks = try StateMachine(
            parsing: #"""
                {"StartAt": "Each", "States": {"Each": {"Type": "Map", "MaxConcurrency": 1, "End": true,
                  "ItemProcessor": {"StartAt": "Prepare", "States": {
                    "Prepare": {"Type": "Pass", "Parameters": {"n.$": "$"}, "Next": "Work"},
                    "Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Check"},
                    "Check": {"Type": "Choice", "Choices": [{"Variable": "$.ok", "BooleanEquals": true, "Next": "Done"}], "Default": "Done"},
                    "Done": {"Type": "Succeed"}}}}}}
                """#)
        var registry = TaskRegistry()
        registry.register(for: "*") { _ in ["ok": true] }
        let store = FileExecutionStore(directory: folder)
        var executor = Executor(registry: registry, clock: VirtualClock(), limits: .unlimited)
        executor.store = store
        let before = store.fsyncCount
        let items = JSONValue.array((0..<100).map { .integer($0) })
        _ = try await executor.start(tasks, input: items, name: "hundred-tasks").result
        let fsyncs = store.fsyncCount - before
        print(String(format: "%-58@ %10.2f fsyncs/task  (%d fsyncs for 100 tasks; goal: at most 2)",
            "fsyncs per task, 100-task run" as NSString, Double(fsyncs) / 100, fsyncs))

        // 3. Resuming a 20,000-event journal: a loop of Pass → Task → Choice, cut before its end.
        let long = try StateMachine(
            parsing: #"""
                {"StartAt": "Count", "States": {
                  "Count": {"Type": "Pass", "Parameters": {"i.$": "States.MathAdd($.i, 1)"}, "Next": "Work"},
                  "Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "ResultPath": "$.r", "Next": "Check"},
                  "Check": {"Type": "Choice", "Choices": [{"Variable": "$.i", "NumericLessThan": 2222, "Next": "Count"}], "Default": "Done"},
                  "Done": {"Type": "Succeed"}}}
                """#)
        _ = try await executor.start(long, input: ["i": 0], name: "long").result
        let journal = "\(folder)/executions/long/journal.jsonl", history = "\(folder)/executions/long/history.jsonl"
        // As if killed just before the end: the closing record and event are not there.
        for path in [journal, history] {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            lines = lines.dropLast()
            try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        }
        let events = try store.read("long").history.count
        var resumes: [Duration] = []
        for _ in 0..<3 {
            // Each round resumes a fresh copy of the cut execution.
            let copy = "\(folder)-copy-\(resumes.count)"
            try FileManager.default.createDirectory(atPath: "\(copy)/executions", withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: "\(folder)/executions/long", toPath: "\(copy)/executions/long")
            defer { try? FileManager.default.removeItem(atPath: copy) }
            var resumer = Executor(registry: registry, clock: VirtualClock(), limits: .unlimited)
            resumer.store = FileExecutionStore(directory: copy)
            let start = clock.now
            let result = try await resumer.resume("long").result
            resumes.append(clock.now - start)
            guard result.status.name == "SUCCEEDED" else { fatalError("resume failed: \(result.status)") }
        }
        resumes.sort()
        print(String(format: "%-58@ %10.0f ms  (%d events; median of 3; goal: at most 200 ms)",
            "Resume from a journal of \(events) history events" as NSString, seconds(resumes[1]) * 1000, events))
    }
}
