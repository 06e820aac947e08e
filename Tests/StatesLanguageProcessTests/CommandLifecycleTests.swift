import Foundation
import Testing

@testable import StatesLanguageProcess

@Suite("Command task handler: timeouts, cancellation and no process left behind")
struct CommandLifecycleTests {
    @Test("A timeout stops the whole process group, SIGTERM then SIGKILL, and reaps the command")
    func timeoutKillsGroup() async throws {
        let folder = ScratchFolder()
        // The shell ignores SIGTERM, so only the SIGKILL after the grace period ends it; its child sleeps.
        let script =
            "trap '' TERM; sleep 30 & echo $! > \(folder.path("child")); echo $$ > \(folder.path("shell")); wait"
        var configuration = ProcessConfiguration(
            executable: "/bin/sh", arguments: ["sh", "-c", script], environment: ProcessInfo.processInfo.environment)
        configuration.timeout = 0.2
        configuration.gracePeriod = 0.2
        let process = try ChildProcess.launch(configuration)
        let shell = try await ProcessProbe.pid(in: folder.path("shell"))
        let child = try await ProcessProbe.pid(in: folder.path("child"))
        #expect(shell == process.pid)
        let outcome = await process.outcome
        #expect(outcome.stopReason == .timedOut)
        #expect(outcome.termination == .signalled(SIGKILL))
        #expect(!ProcessProbe.exists(shell))  // reaped: no zombie
        #expect(await ProcessProbe.waitUntilGone(child))
    }

    @Test("The state's TimeoutSeconds fails the task with States.Timeout and kills the program")
    func stateTimeout() async throws {
        let folder = ScratchFolder()
        let machine = try StateMachine(
            parsing: #"""
                {"StartAt": "Slow", "States": {"Slow": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:ec2:rebootInstances",
                 "TimeoutSeconds": 3, "End": true}}}
                """#)
        // Three seconds, not one: on a busy machine the shell may need a while to write its pid.
        let registry = TaskRegistry().routingCommands(
            [TaskCommand("Slow", command: "echo $$ > \(folder.path("pid")); exec sleep 30")], options: quickOptions())
        let result = await Executor(registry: registry).run(machine)
        #expect(result.error == StatesError(.timeout, cause: "The task did not complete within 3 seconds."))
        // The execution has ended, so the shell has run or been killed: on a loaded machine the
        // timeout can kill it before it writes its pid, which also leaves nothing behind.
        if let text = try? String(contentsOfFile: folder.path("pid"), encoding: .utf8),
            let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
        {
            #expect(await ProcessProbe.waitUntilGone(pid))
        }
    }

    @Test("Cancelling the task stops the command and its children; the handler throws CancellationError")
    func cancellation() async throws {
        let folder = ScratchFolder()
        let handler = CommandTaskHandler(
            command: "sleep 30 & echo $! > \(folder.path("child")); echo $$ > \(folder.path("shell")); wait",
            options: quickOptions())
        let request = try taskRequest()
        let task = Task { try await handler.invoke(request) }
        let shell = try await ProcessProbe.pid(in: folder.path("shell"))
        let child = try await ProcessProbe.pid(in: folder.path("child"))
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(!ProcessProbe.exists(shell))
        #expect(await ProcessProbe.waitUntilGone(child))
    }

    @Test("Stopping an execution stops its running command")
    func stoppedExecution() async throws {
        let folder = ScratchFolder()
        let supervisor = CommandSupervisor()
        let machine = try StateMachine(
            parsing: #"{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "local:long", "End": true}}}"#)
        let registry = TaskRegistry().routingCommands(
            [TaskCommand("T", command: "echo $$ > \(folder.path("pid")); exec sleep 30")],
            options: quickOptions(supervisor))
        let execution = try await Executor(registry: registry).start(machine)
        let pid = try await ProcessProbe.pid(in: folder.path("pid"))
        execution.stop(cause: "enough")
        let result = await execution.result
        #expect(result.status.name == "ABORTED")
        await supervisor.shutDown()
        #expect(supervisor.runningCount == 0)
        #expect(!ProcessProbe.exists(pid))
    }

    @Test("A failing Parallel branch stops the command running in its sibling")
    func failingSibling() async throws {
        let folder = ScratchFolder()
        let supervisor = CommandSupervisor()
        let machine = try StateMachine(
            parsing: #"""
                {"StartAt": "Both", "States": {"Both": {"Type": "Parallel", "End": true, "Branches": [
                  {"StartAt": "Long", "States": {"Long": {"Type": "Task", "Resource": "local:long", "End": true}}},
                  {"StartAt": "Fails", "States": {"Fails": {"Type": "Task", "Resource": "local:fails", "End": true}}}]}}}
                """#)
        let pidFile = folder.path("pid")
        let registry = TaskRegistry().routingCommands(
            [
                TaskCommand("Long", command: "echo $$ > \(pidFile); exec sleep 30"),
                TaskCommand("Fails", command: "while [ ! -s \(pidFile) ]; do sleep 0.01; done; echo boom >&2; exit 1"),
            ], options: quickOptions(supervisor))
        let result = await Executor(registry: registry).run(machine)
        #expect(result.error == StatesError(.taskFailed, cause: "boom"))
        let pid = try await ProcessProbe.pid(in: pidFile)
        await supervisor.shutDown()
        #expect(!ProcessProbe.exists(pid))
    }

    @Test("Processes a command leaves behind in its group are stopped when it exits")
    func leftovers() async throws {
        let folder = ScratchFolder()
        let result = try await CommandTaskHandler(
            command: "sleep 30 & echo $! > \(folder.path("child")); echo '{\"done\": true}'", options: quickOptions()
        ).invoke(try taskRequest())
        #expect(result == ["done": true])
        let child = try await ProcessProbe.pid(in: folder.path("child"))
        #expect(await ProcessProbe.waitUntilGone(child))
    }

    @Test("The supervisor stops every running command and refuses new ones after shutDown")
    func supervisorShutDown() async throws {
        let folder = ScratchFolder()
        let supervisor = CommandSupervisor()
        let handler = CommandTaskHandler(
            command: "echo $$ >> \(folder.path("pids")); exec sleep 30", options: quickOptions(supervisor))
        let request = try taskRequest()
        let tasks = (0..<3).map { _ in Task { try? await handler.invoke(request) } }
        var pids: [Int32] = []
        let deadline = Date().addingTimeInterval(60)
        while pids.count < 3, Date() < deadline {
            pids = ((try? String(contentsOfFile: folder.path("pids"), encoding: .utf8)) ?? "")
                .split(separator: "\n").compactMap { Int32($0) }
            try await Task.sleep(for: .milliseconds(5))
        }
        #expect(Set(supervisor.runningProcessIDs) == Set(pids))
        await supervisor.shutDown()
        for pid in pids { #expect(!ProcessProbe.exists(pid)) }
        for task in tasks { _ = await task.value }
        #expect(supervisor.runningCount == 0)
        let refused = await #expect(throws: StatesError.self) { try await handler.invoke(request) }
        #expect(refused?.cause == "The command could not be started: the program is shutting down.")
    }

    @Test("On a virtual clock, time stands still while a command runs: TimeoutSeconds does not fire early")
    func virtualClock() async throws {
        let machine = try StateMachine(
            parsing: #"""
                {"StartAt": "Both", "States": {"Both": {"Type": "Parallel", "End": true, "Branches": [
                  {"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "local:work", "TimeoutSeconds": 5, "End": true}}},
                  {"StartAt": "Pause", "States": {"Pause": {"Type": "Wait", "Seconds": 3600, "End": true}}}]}}}
                """#)
        let registry = TaskRegistry().routingCommands(
            [TaskCommand("Work", command: #"sleep 0.2; echo '"worked"'"#)], options: quickOptions())
        let start = Date(timeIntervalSince1970: 1_767_225_600)
        let result = await Executor(registry: registry, clock: VirtualClock(start: start)).run(machine)
        #expect(result.output == ["worked", [:]])
        // The hour-long wait still ran on simulated time once the command was done.
        #expect(result.stopDate.timeIntervalSince(start) == 3600)
    }
}
