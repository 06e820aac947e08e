import Foundation
import StatesLanguage
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The durability proof with real processes: `sfnrun` killed with SIGKILL at random moments and
/// resumed each time, compared with an uninterrupted run. Slow (tens of seconds) by design; it runs
/// with the rest of `swift test`.
@Suite("Slow: durable executions survive kill -9 (real processes)", .serialized)
final class DurableProcessTests: Sendable {
    /// Stands in for AWS: appends `STATE ITEM` to the side-effect file, takes 50–200 ms, answers health checks.
    static let fakeAWS = #"""
        #!/bin/sh
        input=$(cat)
        # A process killed between starting this command and writing its request made no call.
        [ -n "$input" ] || exit 1
        item=$(printf '%s' "$input" | sed -n -e 's/.*"Id":"\([^"]*\)".*/\1/p' -e 's/.*"InstanceIds":\["\([^"]*\)".*/\1/p' | head -n 1)
        echo "$SFNRUN_STATE_NAME ${item:--}" >> "$SIDE_EFFECTS"
        sleep "$(awk -v seed="$$" 'BEGIN { srand(seed); printf "%.3f", 0.05 + rand() * 0.15 }')"
        case "$SFNRUN_STATE_NAME" in
          CheckInstanceHealth) echo '{"InstanceStatuses": [{"InstanceStatus": {"Status": "ok"}}]}' ;;
          *) echo '{}' ;;
        esac
        """#

    static let instances = ["i-1", "i-2", "i-3", "i-4"]

    let folder: URL
    let script: String

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("sfnrun-durable-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        script = folder.appendingPathComponent("fake-aws.sh").path
        try Self.fakeAWS.write(toFile: script, atomically: true, encoding: .utf8)
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    /// A started `sfnrun` whose output goes to files.
    struct Running {
        let process: Process
        let output: URL
        let error: URL

        var outputText: String { (try? String(contentsOf: output, encoding: .utf8)) ?? "" }
        var errorText: String { (try? String(contentsOf: error, encoding: .utf8)) ?? "" }
    }

    func launch(_ arguments: [String], environment: [String: String] = [:]) throws -> Running {
        let process = Process()
        process.executableURL = EndToEndTests.binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var variables = ProcessInfo.processInfo.environment
        variables.merge(environment) { $1 }
        process.environment = variables
        let id = UUID().uuidString
        let output = folder.appendingPathComponent("out-\(id)"), error = folder.appendingPathComponent("err-\(id)")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        _ = FileManager.default.createFile(atPath: error.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: error)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return Running(process: process, output: output, error: error)
    }

    /// Runs `sfnrun` to its end (at most `timeout` seconds).
    func sfnrun(_ arguments: [String], environment: [String: String] = [:], timeout: Double = 300) async throws
        -> (status: Int32, output: String, error: String)
    {
        let running = try launch(arguments, environment: environment)
        let deadline = Date().addingTimeInterval(timeout)
        while running.process.isRunning, Date() < deadline { try await Task.sleep(for: .seconds(0.02)) }
        if running.process.isRunning { running.process.terminate() }
        let status = await Self.exit(of: running.process)
        return (status, running.outputText, running.errorText)
    }

    /// Waits for a process to end without holding a thread of the cooperative pool, which the
    /// in-process servers of other suites need while this slow suite runs.
    ///
    /// Bounded: after 60 s, or once the test is cancelled (its time limit), it stops waiting and
    /// records an issue, so a process whose end is never seen fails the test instead of hanging the
    /// suite.
    /// - Returns: the exit status, or -1 when the end was not seen.
    @discardableResult
    static func exit(of process: Process) async -> Int32 {
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning {
            guard !Task.isCancelled, Date() < deadline else {
                Issue.record("process \(process.processIdentifier) was not seen to end")
                return -1
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// The waits keep their deadlines across kills, so they set the run's length in wall time
    /// (two batches of two 8 s waits, over 30 s): long enough for 20 kills even when the machine is
    /// so busy that a kill and its resume take more than a second.
    func taskOptions(sideEffects: String) -> [String] {
        [
            "--task-command", "arn:aws:states:::aws-sdk:*=sh \(script)", "--task-command", "PublishAlert=sh \(script)",
            "--wait-seconds", "WaitForDraining=8", "--wait-seconds", "WaitForBoot=8",
        ]
    }

    var input: String {
        #"""
        {"InstanceIds": ["i-1", "i-2", "i-3", "i-4"], "MaxConcurrency": 2, "TargetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/1",
         "AlarmNames": ["web-5xx"], "AlertTopicArn": "arn:aws:sns:us-east-1:123456789012:ops"}
        """#
    }

    static func lines(_ path: String) -> [String] {
        ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    /// The journal's task keys: started, and finished (with an outcome).
    static func taskKeys(_ journal: String) -> (started: Set<String>, finished: Set<String>) {
        var started = Set<String>(), finished = Set<String>()
        for line in lines(journal) {
            guard let record = try? JSONValue(parsing: line), let key = record["key"]?.stringValue else { continue }
            switch record["record"]?.stringValue {
            case "taskStarted": started.insert(key)
            case "taskSucceeded", "taskFailed": finished.insert(key)
            default: break
            }
        }
        return (started, finished)
    }

    /// `STATE ITEM` for a task key such as `/RestartInstances@1~0[2]/RebootInstance@1#1`.
    static func label(ofKey key: String) -> String {
        let step = key[..<(key.lastIndex(of: "#") ?? key.endIndex)]
        let last = step[step.index(after: step.lastIndex(of: "/")!)...]
        let state = last[..<(last.lastIndex(of: "@") ?? last.endIndex)]
        guard let open = step.lastIndex(of: "["), let close = step.lastIndex(of: "]"),
            let index = Int(step[step.index(after: open)..<close])
        else { return "\(state) -" }
        return "\(state) \(instances[index])"
    }

    /// Each event's lane (`top` or the Map iteration index) and what it says, timestamps and ids aside.
    static func lanes(_ events: [JSONValue]) -> [String: [String]] {
        var byID: [Int: JSONValue] = [:]
        for event in events { if let id = event["id"]?.intValue { byID[id] = event } }
        func lane(_ event: JSONValue) -> String {
            var current: JSONValue? = event
            while let here = current {
                let type = here["type"]?.stringValue ?? ""
                if type == "MapIterationStarted" {
                    return "iteration \(here["mapIterationStartedEventDetails"]?["index"]?.intValue ?? -1)"
                }
                if type.hasPrefix("MapState") || type == "ExecutionStarted" { return "top" }
                current = here["previousEventId"]?.intValue.flatMap { byID[$0] }
            }
            return "top"
        }
        var lanes: [String: [String]] = [:]
        for event in events.sorted(by: { ($0["id"]?.intValue ?? 0) < ($1["id"]?.intValue ?? 0) }) {
            var details = event
            if case .object(var object) = details {
                object["timestamp"] = nil
                object["id"] = nil
                object["previousEventId"] = nil
                details = .object(object)
            }
            lanes[lane(event), default: []].append(details.jsonString())
        }
        return lanes
    }

    @Test(
        "rolling-restart.json killed with SIGKILL at 20+ random moments and resumed each time ends as an uninterrupted run",
        .timeLimit(.minutes(10)))
    func killAndResume() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let machine = Fixtures.runbook("rolling-restart.json")

        // The uninterrupted run.
        let referenceEffects = folder.appendingPathComponent("reference.log").path
        let reference = try await sfnrun(
            ["start", machine, "--input", input, "--name", "reference", "--output", "json", "--history", "--quiet"]
                + taskOptions(sideEffects: referenceEffects), environment: ["SIDE_EFFECTS": referenceEffects])
        #expect(reference.status == 0, "\(reference.error)")
        let expected = try JSONValue(parsing: reference.output)
        #expect(expected["status"] == "SUCCEEDED")

        // The run that keeps being killed.
        let effects = folder.appendingPathComponent("crash.log").path
        let journal = folder.appendingPathComponent(".sfnrun/executions/crash/journal.jsonl").path
        var generator = SystemRandomNumberGenerator()
        var kills = 0
        var inFlightAtKills: [String: Int] = [:]
        var final: (status: Int32, output: String, error: String)?
        let deadline = Date().addingTimeInterval(480)
        while final == nil, Date() < deadline {
            let exists = FileManager.default.fileExists(atPath: journal)
            let arguments =
                (exists ? ["resume", "crash"] : ["start", machine, "--input", input, "--name", "crash"])
                + ["--output", "json", "--history", "--quiet"] + taskOptions(sideEffects: effects)
            let running = try launch(arguments, environment: ["SIDE_EFFECTS": effects])
            if kills < 20 {
                try await Task.sleep(for: .seconds(Double.random(in: 0.1...0.5, using: &generator)))
                if running.process.isRunning {
                    kill(running.process.processIdentifier, SIGKILL)
                    await Self.exit(of: running.process)
                    kills += 1
                    // The tasks in flight at this kill may run again on resume.
                    let keys = Self.taskKeys(journal)
                    for key in keys.started.subtracting(keys.finished) { inFlightAtKills[Self.label(ofKey: key), default: 0] += 1 }
                    continue
                }
            }
            while running.process.isRunning, Date() < deadline { try await Task.sleep(for: .seconds(0.05)) }
            let status = await Self.exit(of: running.process)
            final = (status, running.outputText, running.errorText)
        }
        let end = try #require(final, "the run did not end")
        #expect(kills >= 20)
        #expect(end.status == 0, "\(end.error)")
        let document = try JSONValue(parsing: end.output)
        #expect(document["status"] == expected["status"])
        #expect(document["output"] == expected["output"])

        // The same events in the same order in each lane (the top level and every Map iteration); lanes
        // interleave differently from run to run, as two iterations run at once.
        let events = try #require(document["events"]?.arrayValue)
        let expectedEvents = try #require(expected["events"]?.arrayValue)
        #expect(events.count == expectedEvents.count)
        #expect(events.compactMap { $0["id"]?.intValue } == Array(1...events.count))
        #expect(Self.lanes(events) == Self.lanes(expectedEvents))

        // Exactly once for every completed task: a call repeats only for a task in flight at a kill.
        try await Task.sleep(for: .seconds(0.5))  // commands orphaned by the last kill finish their line
        let done = Self.taskKeys(journal)
        var completed: [String: Int] = [:]
        for key in done.finished { completed[Self.label(ofKey: key), default: 0] += 1 }
        var calls: [String: Int] = [:]
        for line in Self.lines(effects) { calls[line, default: 0] += 1 }
        #expect(Self.lines(referenceEffects).sorted() == completed.flatMap { Array(repeating: $0.key, count: $0.value) }.sorted())
        for (task, count) in completed {
            let made = calls[task, default: 0]
            #expect(made >= count, "\(task) completed \(count) times but was called \(made) times")
            #expect(made <= count + inFlightAtKills[task, default: 0], "\(task): \(made) calls, \(count) completed, \(inFlightAtKills[task, default: 0]) in flight at kills")
        }
        #expect(Set(calls.keys).isSubset(of: Set(completed.keys)))
    }

    @Test(
        "A .waitForTaskToken run survives kill -9: resumed, it waits for the same token, and 'sfnrun callback' completes it",
        .timeLimit(.minutes(5)))
    func callbackAfterKill() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let definition = folder.appendingPathComponent("approval.json").path
        try #"""
            {"StartAt": "AskApproval", "States": {
              "AskApproval": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                "Parameters": {"QueueUrl": "approvals", "MessageBody": {"token.$": "$$.Task.Token"}}, "Next": "Done"},
              "Done": {"Type": "Pass", "End": true}}}
            """#.write(toFile: definition, atomically: true, encoding: .utf8)
        let calls = folder.appendingPathComponent("calls.log").path
        let tokenFile = folder.appendingPathComponent("token").path
        let callbacks = folder.appendingPathComponent("callbacks").path
        let sender = "AskApproval=cat >/dev/null; echo sent >> '\(calls)'; printf '%s' \"$SFNRUN_TASK_TOKEN\" > '\(tokenFile)'; echo '{\"MessageId\": \"m-1\"}'"
        let journal = folder.appendingPathComponent(".sfnrun/executions/approval/journal.jsonl").path

        let first = try launch(["start", definition, "--name", "approval", "--callback-dir", callbacks, "--task-command", sender, "--quiet"])
        // Wait until the submission is on disk, then kill the process.
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline, !Self.lines(journal).contains(where: { $0.contains("\"taskSubmitted\"") }) {
            try await Task.sleep(for: .seconds(0.05))
        }
        #expect(first.process.isRunning)
        kill(first.process.processIdentifier, SIGKILL)
        await Self.exit(of: first.process)
        let token = try String(contentsOfFile: tokenFile, encoding: .utf8)
        #expect(!token.isEmpty)

        let (_, listed, _) = try await sfnrun(["list"])
        #expect(listed.contains("RUNNING (process gone)"))

        let resumed = try launch([
            "resume", "approval", "--callback-dir", callbacks, "--task-command", sender, "--output", "json",
        ])
        let answer = try await sfnrun([
            "callback", "--callback-dir", callbacks, "--task-token", token, "--output", #"{"approved": true}"#,
        ])
        #expect(answer.status == 0, "\(answer.error)")
        while resumed.process.isRunning, Date() < deadline { try await Task.sleep(for: .seconds(0.05)) }
        if resumed.process.isRunning { resumed.process.terminate() }
        let status = await Self.exit(of: resumed.process)
        #expect(status == 0, "\(resumed.errorText)")
        let document = try JSONValue(parsing: resumed.outputText)
        #expect(document["status"] == "SUCCEEDED")
        #expect(try JSONValue(parsing: document["output"]?.stringValue ?? "") == ["approved": true])
        // The message was sent once: the resumed run waited for the callback instead of sending it again.
        #expect(Self.lines(calls) == ["sent"])
    }
}
