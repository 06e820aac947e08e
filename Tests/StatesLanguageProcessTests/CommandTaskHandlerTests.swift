import Foundation
import Synchronization
import Testing

@testable import StatesLanguageProcess

@Suite("Command task handler: JSON in, JSON out")
struct CommandTaskHandlerTests {
    func run(_ command: String, _ request: TaskRequest, options: CommandTaskOptions = quickOptions()) async throws
        -> JSONValue
    {
        try await CommandTaskHandler(command: command, options: options).invoke(request)
    }

    func failure(_ command: String, _ request: TaskRequest, options: CommandTaskOptions = quickOptions()) async throws
        -> StatesError
    {
        do {
            let value = try await run(command, request, options: options)
            throw ProcessProbe.ProbeError(message: "expected a failure, got \(value)")
        } catch let error as StatesError {
            return error
        }
    }

    @Test("The effective input arrives as JSON on stdin; the JSON on stdout is the result")
    func echo() async throws {
        let input: JSONValue = ["InstanceIds": ["i-1", "i-2"], "Force": true, "Count": 12_345_678_901_234]
        #expect(try await run("cat", try taskRequest(input)) == input)
        #expect(try await run(#"read line; echo '{"ok": true}'"#, try taskRequest(input)) == ["ok": true])
    }

    @Test("Nothing (or only whitespace) on stdout is the result null")
    func empty() async throws {
        #expect(try await run("cat >/dev/null", try taskRequest()) == .null)
        #expect(try await run("printf '  \\n'", try taskRequest()) == .null)
    }

    @Test("The task's context is in SFNRUN_* environment variables")
    func environment() async throws {
        let request = try taskRequest(
            state: "Approve", resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken", retryCount: 2,
            taskToken: "tok-1", timeoutSeconds: 30)
        var options = quickOptions()
        options.environment = ["PATH": "/usr/bin:/bin", "KEPT": "yes"]
        let script = #"""
            printf '{"state":"%s","resource":"%s","execution":"%s","arn":"%s","machine":"%s","retry":%s,"token":"%s","timeout":"%s","heartbeat":"%s","fd":"%s","kept":"%s"}' \
              "$SFNRUN_STATE_NAME" "$SFNRUN_RESOURCE" "$SFNRUN_EXECUTION_NAME" "$SFNRUN_EXECUTION_ARN" \
              "$SFNRUN_STATE_MACHINE_NAME" "$SFNRUN_RETRY_COUNT" "$SFNRUN_TASK_TOKEN" "$SFNRUN_TIMEOUT_SECONDS" \
              "${SFNRUN_HEARTBEAT_SECONDS-unset}" "$SFNRUN_HEARTBEAT_FD" "$KEPT"
            """#
        let result = try await run(script, request, options: options)
        #expect(
            result == [
                "state": "Approve", "resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                "execution": "run-1", "arn": "arn:aws:states:us-east-1:123456789012:execution:m:run-1",
                "machine": "m", "retry": 2, "token": "tok-1", "timeout": "30", "heartbeat": "unset", "fd": "3",
                "kept": "yes",
            ])
    }

    @Test("A non-zero exit fails with the Error and Cause printed on stdout")
    func printedError() async throws {
        let error = try await failure(
            #"echo '{"Error": "Ec2.InstanceNotFound", "Cause": "no such instance i-9"}'; echo ignored >&2; exit 3"#,
            try taskRequest())
        #expect(error == StatesError("Ec2.InstanceNotFound", cause: "no such instance i-9"))
    }

    @Test("A printed Error without Cause takes standard error as the cause; a non-string Cause is its JSON")
    func printedErrorCause() async throws {
        let withoutCause = try await failure(
            #"echo '{"Error": "Busy"}'; echo 'try later' >&2; exit 1"#, try taskRequest())
        #expect(withoutCause == StatesError("Busy", cause: "try later"))
        let objectCause = try await failure(
            #"echo '{"Error": "Busy", "Cause": {"RetryAfter": 5}}'; exit 1"#, try taskRequest())
        #expect(objectCause == StatesError("Busy", cause: #"{"RetryAfter":5}"#))
    }

    @Test("A non-zero exit without an error object is States.TaskFailed with standard error as the cause")
    func plainFailure() async throws {
        let error = try await failure(
            "echo 'partial' ; echo 'line one' >&2; echo 'disk full' >&2; exit 2", try taskRequest())
        #expect(error == StatesError(.taskFailed, cause: "line one\ndisk full"))
        let silent = try await failure("exit 7", try taskRequest())
        #expect(
            silent
                == StatesError(
                    .taskFailed, cause: "The command exited with status 7 and wrote nothing to standard error."))
    }

    @Test("Output that is not JSON fails with States.TaskFailed quoting its start")
    func notJSON() async throws {
        let error = try await failure("echo 'rebooted i-1'", try taskRequest())
        #expect(error.name == .taskFailed)
        let cause = try #require(error.cause)
        #expect(cause.hasPrefix("The command's standard output is not JSON ("))
        #expect(cause.hasSuffix("; it begins: rebooted i-1\\n"))
        let long = try await failure("head -c 5000 /dev/zero | tr '\\0' x", try taskRequest())
        let longCause = try #require(long.cause)
        #expect(longCause.hasSuffix("; it begins: " + String(repeating: "x", count: 200) + "…"))
    }

    @Test("A command killed by a signal fails naming the signal")
    func signalled() async throws {
        let error = try await failure("echo 'about to die' >&2; kill -9 $$", try taskRequest())
        #expect(error.name == .taskFailed)
        #expect(
            error.cause == "The command was killed by signal 9 (SIGKILL). Its standard error ends with:\nabout to die")
    }

    @Test("Large payloads both ways: 8 MB through stdin and stdout, 2 MB of stderr, no deadlock")
    func largePayloads() async throws {
        let big = String(repeating: "0123456789abcdef", count: 512 * 1024)
        let input: JSONValue = ["Blob": .string(big)]
        // The command writes its stderr noise before reading stdin: both pipes fill at once.
        let result = try await run("head -c 2000000 /dev/zero | tr '\\0' e >&2; cat", try taskRequest(input))
        #expect(result == input)
        // A command that never reads its 8 MB of input still finishes (EPIPE, not SIGPIPE).
        #expect(try await run(#"echo '{"ignored": true}'"#, try taskRequest(input)) == ["ignored": true])
    }

    @Test("A long standard error is quoted from its end, within the bound")
    func boundedCause() async throws {
        let error = try await failure(
            "i=0; while [ $i -lt 3000 ]; do echo \"noise line $i\" >&2; i=$((i+1)); done; echo 'the real problem' >&2; exit 1",
            try taskRequest())
        let cause = try #require(error.cause)
        #expect(cause.hasSuffix("noise line 2999\nthe real problem"))
        #expect(cause.hasPrefix("["))
        #expect(cause.contains("earlier bytes of standard error not shown]"))
        #expect(cause.utf8.count < 4096 + 100)
    }

    @Test("More standard output than the limit fails with States.DataLimitExceeded")
    func outputLimit() async throws {
        var options = quickOptions()
        options.maximumOutputBytes = 1000
        let error = try await failure("head -c 5000 /dev/zero | tr '\\0' 1", try taskRequest(), options: options)
        #expect(
            error
                == StatesError(.dataLimitExceeded, cause: "The command wrote more than 1000 bytes to standard output."))
    }

    @Test("Writing to descriptor 3 sends heartbeats; standard error lines reach the handler with the state name")
    func heartbeatsAndLogs() async throws {
        let beats = Mutex(0)
        let lines = Mutex<[String]>([])
        var options = quickOptions()
        options.onStandardErrorLine = { state, line in lines.withLock { $0.append("\(state): \(line)") } }
        let request = try taskRequest(state: "Patch") { beats.withLock { $0 += 1 } }
        let result = try await run(
            #"echo starting >&2; echo >&3; printf 'half'>&2; printf ' done\n' >&2; echo >&"$SFNRUN_HEARTBEAT_FD"; echo '{}'"#,
            request, options: options)
        #expect(result == [:])
        #expect(beats.withLock { $0 } >= 1)
        #expect(lines.withLock { $0 } == ["Patch: starting", "Patch: half done"])
    }

    @Test("A command starts with only standard streams and the heartbeat pipe; the handler leaks no descriptors")
    func descriptors() async throws {
        // `ls` replaces the shell and lists what it inherited, plus the one it opens to read the folder
        // (and fails on the missing one, so its listing becomes the cause).
        let listed = try await failure("exec ls /proc/self/fd /no-such-folder >&2 2>&1", try taskRequest())
        let inherited = (listed.cause ?? "").split(separator: "\n").compactMap { Int($0) }
        #expect(inherited.prefix(4) == [0, 1, 2, 3])
        #expect(inherited.count == 5, "\(inherited)")
        let pipesBefore = ProcessProbe.openPipes
        for _ in 0..<100 { _ = try await run("cat", try taskRequest(["n": 1])) }
        // A leak would keep 5 pipes per command open for good (four pipes and a wake-up pipe), 500 in
        // all. Other suites in this process open pipes of their own meanwhile, for their processes,
        // and close them when those end: so only the new pipes that stay open count, watched for a
        // while until nearly all of them have closed.
        var kept = ProcessProbe.openPipes.subtracting(pipesBefore)
        let deadline = Date().addingTimeInterval(60)
        while kept.count >= 50, Date() < deadline {
            try await Task.sleep(for: .milliseconds(100))
            kept.formIntersection(ProcessProbe.openPipes)
        }
        #expect(kept.count < 50, "\(kept.count) pipes opened while the commands ran stay open")
    }
}
