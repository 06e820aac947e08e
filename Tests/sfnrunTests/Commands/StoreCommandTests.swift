import Foundation
import StatesLanguage
import StatesLanguageStore
import Testing

@testable import sfnrun

/// `start` keeping executions, and the commands that work on stored ones: list, describe, history,
/// stop, resume and redrive.
@Suite("Stored executions (list, describe, history, stop, resume, redrive)")
final class StoreCommandTests: Sendable {
    let folder: URL
    var store: String { folder.appendingPathComponent("store").path }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("sfnrun-stored-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    func write(_ text: String, _ name: String) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// A Map over four items whose task appends its item to a side-effect file and fails while
    /// `broken-ITEM` exists.
    func mapMachine() throws -> (definition: String, command: String, sideEffects: String) {
        let definition = try write(
            #"""
            {"StartAt": "Each", "States": {"Each": {"Type": "Map", "MaxConcurrency": 1, "End": true,
              "ItemProcessor": {"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}}}}
            """#, "map.json")
        let sideEffects = folder.appendingPathComponent("side-effects.log").path
        let script = try write(
            """
            item=$(cat | tr -d '"')
            echo "Work $item" >> '\(sideEffects)'
            if [ -e '\(folder.path)/broken-'"$item" ]; then echo '{"Error": "Broken", "Cause": "item '"$item"' is broken"}'; exit 1; fi
            echo '{"done": "'"$item"'"}'
            """, "work.sh")
        return (definition, "Work=sh \(script)", sideEffects)
    }

    func lines(_ path: String) -> [String] {
        ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    @Test("A redriven Map runs only the iterations that did not succeed, as the side-effect file shows")
    func redriveMap() async throws {
        let (definition, command, sideEffects) = try mapMachine()
        _ = FileManager.default.createFile(atPath: folder.appendingPathComponent("broken-c").path, contents: nil)
        let (failed, _) = await sfnrun([
            "start", definition, "--input", #"["a", "b", "c", "d"]"#, "--name", "nightly", "--store", store,
            "--task-command", command, "--quiet",
        ])
        #expect(failed == .failure)
        #expect(lines(sideEffects) == ["Work a", "Work b", "Work c"])
        try FileManager.default.removeItem(at: folder.appendingPathComponent("broken-c"))

        let (status, io) = await sfnrun([
            "redrive", "nightly", "--store", store, "--task-command", command, "--output", "json", "--history",
        ])
        #expect(status == .success, "\(io.error)")
        #expect(lines(sideEffects) == ["Work a", "Work b", "Work c", "Work c", "Work d"])
        let document = try JSONValue(parsing: io.output)
        #expect(try JSONValue(parsing: document["output"]?.stringValue ?? "") == [["done": "a"], ["done": "b"], ["done": "c"], ["done": "d"]])
        let types = document["events"]?.arrayValue?.compactMap { $0["type"]?.stringValue } ?? []
        #expect(types.filter { $0 == "ExecutionRedriven" }.count == 1)
        #expect(types.filter { $0 == "ExecutionFailed" }.count == 1)
        #expect(types.last == "ExecutionSucceeded")

        let (_, describe) = await sfnrun(["describe", "nightly", "--store", store, "--output", "json"])
        let description = try JSONValue(parsing: describe.output)
        #expect(description["redriveCount"] == 1)
        #expect(description["redriveStatus"] == "NOT_REDRIVABLE")
        #expect(description["status"] == "SUCCEEDED")

        let (refused, again) = await sfnrun(["redrive", "nightly", "--store", store, "--task-command", command])
        #expect(refused == .usage)
        #expect(again.error.contains("ExecutionNotRedrivable: Execution is SUCCEEDED and cannot be redriven"))
    }

    @Test("list and describe are shaped like list-executions and describe-execution; --status filters")
    func listAndDescribe() async throws {
        let (definition, command, _) = try mapMachine()
        _ = FileManager.default.createFile(atPath: folder.appendingPathComponent("broken-b").path, contents: nil)
        for (name, input) in [("good", #"["a"]"#), ("bad", #"["b"]"#)] {
            _ = await sfnrun([
                "start", definition, "--input", input, "--name", name, "--store", store, "--task-command", command,
                "--quiet",
            ])
        }
        let (status, io) = await sfnrun(["list", "--store", store, "--output", "json"])
        #expect(status == .success)
        let listed = try #require(try JSONValue(parsing: io.output)["executions"]?.arrayValue)
        #expect(Set(listed.compactMap { $0["name"]?.stringValue }) == ["good", "bad"])
        for entry in listed {
            #expect(entry["executionArn"]?.stringValue?.hasPrefix("arn:aws:states:us-east-1:123456789012:execution:map:") == true)
            #expect(entry["stateMachineArn"] == "arn:aws:states:us-east-1:123456789012:stateMachine:map")
            #expect(entry["startDate"] != nil && entry["stopDate"] != nil)
        }
        let (_, failedOnly) = await sfnrun(["list", "--store", store, "--status", "FAILED"])
        #expect(failedOnly.output.split(separator: "\n").count == 1)
        #expect(failedOnly.output.hasPrefix("bad"))

        let (_, describe) = await sfnrun(["describe", "bad", "--store", store, "--output", "json"])
        let document = try JSONValue(parsing: describe.output)
        #expect(document["status"] == "FAILED")
        #expect(document["error"] == "Broken")
        #expect(document["input"] == #"["b"]"#)
        #expect(document["redriveCount"] == 0)
        #expect(document["redriveStatus"] == "REDRIVABLE")
        let (_, text) = await sfnrun(["describe", "good", "--store", store])
        #expect(text.output.contains("status:              SUCCEEDED"))

        let (_, history) = await sfnrun(["history", "good", "--store", store, "--output", "json"])
        let events = try #require(try JSONValue(parsing: history.output)["events"]?.arrayValue)
        #expect(events.first?["type"] == "ExecutionStarted")
        #expect(events.last?["type"] == "ExecutionSucceeded")
        #expect(events.compactMap { $0["id"]?.intValue } == Array(1...events.count))
    }

    @Test("An unknown name suggests the closest stored names; a finished execution is not resumed")
    func unknownAndFinished() async throws {
        let (definition, command, _) = try mapMachine()
        for name in ["restart-web", "restart-db"] {
            _ = await sfnrun([
                "start", definition, "--input", #"["a"]"#, "--name", name, "--store", store, "--task-command", command,
                "--quiet",
            ])
        }
        let (status, io) = await sfnrun(["describe", "restart-wbe", "--store", store])
        #expect(status == .usage)
        #expect(io.errorLines.first == "error: Execution Does Not Exist: 'restart-wbe' (did you mean 'restart-web' or 'restart-db'?)")
        let (_, resume) = await sfnrun(["resume", "restart-web", "--store", store, "--task-command", command])
        #expect(resume.error.contains("has ended (SUCCEEDED)"))
        let (_, twice) = await sfnrun([
            "start", definition, "--input", #"["a"]"#, "--name", "restart-web", "--store", store, "--task-command", command,
        ])
        #expect(twice.error.contains("ExecutionAlreadyExists"))
    }

    @Test("A RUNNING execution whose process is gone says so and how to resume it; stop closes it")
    func orphan() async throws {
        let (definition, _, _) = try mapMachine()
        try orphan("lost", definition: try String(contentsOfFile: definition, encoding: .utf8))
        let (_, describe) = await sfnrun(["describe", "lost", "--store", store])
        #expect(describe.output.contains("RUNNING (process gone)"))
        #expect(describe.error.contains("sfnrun resume lost"))
        let (_, list) = await sfnrun(["list", "--store", store])
        #expect(list.output.contains("RUNNING (process gone)"))
        let (stopped, stop) = await sfnrun(["stop", "lost", "--store", store, "--error", "Operator", "--cause", "gave up"])
        #expect(stopped == .success)
        #expect(stop.error.contains("ABORTED"))
        let (_, after) = await sfnrun(["describe", "lost", "--store", store, "--output", "json"])
        let document = try JSONValue(parsing: after.output)
        #expect(document["status"] == "ABORTED")
        #expect(document["error"] == "Operator")
        #expect(document["cause"] == "gave up")
    }

    @Test("start stores by default (SFNRUN_STORE or --store), not with --no-store; test stores only with --store")
    func whereStored() async throws {
        let (definition, command, _) = try mapMachine()
        let environment = ["SFNRUN_STORE": store]
        _ = await sfnrun(
            ["start", definition, "--input", #"["a"]"#, "--name", "kept", "--task-command", command, "--quiet"],
            io: CapturedTerminalIO(environment: environment))
        _ = await sfnrun(
            ["start", definition, "--input", #"["a"]"#, "--name", "not-kept", "--no-store", "--task-command", command],
            io: CapturedTerminalIO(environment: environment))
        #expect(try FileExecutionStore(directory: store).names() == ["kept"])
    }

    @Test("sfnrun test keeps its cases only with --store, even when SFNRUN_STORE is set")
    func testCommand() async throws {
        let runbook = Fixtures.runbook("patch-report.json"), mocks = Fixtures.runbook("mocks/patch-report.mock.json")
        let environment = ["SFNRUN_STORE": store]
        let (plain, _) = await sfnrun(["test", runbook, "--mock-config", mocks], io: CapturedTerminalIO(environment: environment))
        #expect(plain == .success)
        #expect(!FileManager.default.fileExists(atPath: store))
        let (stored, io) = await sfnrun(["test", runbook, "--mock-config", mocks, "--store", store])
        #expect(stored == .success, "\(io.error)")
        let names = try FileExecutionStore(directory: store).names()
        #expect(!names.isEmpty)
        for name in names { #expect(try FileExecutionStore(directory: store).read(name).closing != nil) }
    }

    @Test("graph --execution and report NAME read a stored execution: its definition and its history")
    func pictures() async throws {
        let (definition, command, _) = try mapMachine()
        _ = FileManager.default.createFile(atPath: folder.appendingPathComponent("broken-b").path, contents: nil)
        _ = await sfnrun([
            "start", definition, "--input", #"["a", "b"]"#, "--name", "drawn", "--store", store, "--task-command", command,
            "--quiet",
        ])
        let (status, graph) = await sfnrun(["graph", "--execution", "drawn", "--store", store, "--format", "text"])
        #expect(status == .success, "\(graph.error)")
        #expect(graph.output.contains("Each"))
        #expect(graph.output.contains("failed"))
        let html = folder.appendingPathComponent("drawn.html").path
        let (reported, report) = await sfnrun(["report", "drawn", "--store", store, "--html", html])
        #expect(reported == .success, "\(report.error)")
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(page.contains("drawn"))
        #expect(page.contains("Broken"))
        let (unknown, missing) = await sfnrun(["report", "drawm", "--store", store, "--html", html])
        #expect(unknown == .usage)
        #expect(missing.error.contains("did you mean 'drawn'?"))
    }

    @Test("SIGTERM and SIGHUP leave the execution ABORTED in the store, and it can be redriven")
    func signals() async throws {
        let definition = try write(
            #"{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 1, "Next": "P"}, "P": {"Type": "Pass", "End": true}}}"#,
            "wait.json")
        for (signal, name) in [(StopSignal.terminate, "termed"), (StopSignal.hangUp, "hungup")] {
            let (status, _) = await sfnrun(
                ["start", definition, "--name", name, "--store", store, "--quiet"],
                io: CapturedTerminalIO(immediateSignal: signal))
            #expect(status == signal.exitCode)
            let (_, describe) = await sfnrun(["describe", name, "--store", store, "--output", "json"])
            let document = try JSONValue(parsing: describe.output)
            #expect(document["status"] == "ABORTED")
            #expect(document["cause"] == .string(signal.abortCause))
            #expect(document["redriveStatus"] == "REDRIVABLE")
            let (redriven, _) = await sfnrun(["redrive", name, "--store", store, "--quiet"])
            #expect(redriven == .success)
        }
    }

    @Test("history --follow prints a running execution's events from another command until it ends")
    func follow() async throws {
        let definition = try write(
            #"{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 2, "Next": "P"}, "P": {"Type": "Pass", "End": true}}}"#,
            "follow.json")
        let running = Task { await sfnrun(["start", definition, "--name", "followed", "--store", store, "--quiet"]) }
        // Wait until the execution is in the store, then follow it.
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, (try? FileExecutionStore(directory: store).read("followed")) == nil {
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        let (status, io) = await sfnrun(["history", "followed", "--follow", "--store", store, "--output", "json"])
        #expect(status == .success)
        let types = io.output.split(separator: "\n").compactMap { try? JSONValue(parsing: String($0)) }
            .compactMap { $0["type"]?.stringValue }
        #expect(types.first == "ExecutionStarted")
        #expect(types.last == "ExecutionSucceeded")
        #expect(types.contains("WaitStateExited"))
        #expect(await running.value.0 == .success)
    }
}
