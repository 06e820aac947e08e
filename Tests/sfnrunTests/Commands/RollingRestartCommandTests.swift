import Foundation
import StatesLanguage
import Testing

@testable import sfnrun

/// The rolling-restart runbook run end to end without AWS: every Task state is a local shell
/// command that logs `STATE ITEM` to a side-effect file, and the long waits are shortened.
@Suite("rolling-restart.json served by local commands")
struct RollingRestartCommandTests {
    /// Stands in for CloudWatch, ELB, EC2 and SNS: logs each call, answers health checks.
    /// `$UNHEALTHY_UNTIL_RETRY` makes `$SLOW_INSTANCE` report InstanceNotYetStartedException until that retry.
    static let fakeAWS = #"""
        #!/bin/sh
        input=$(cat)
        item=$(printf '%s' "$input" | sed -n -e 's/.*"Id":"\([^"]*\)".*/\1/p' -e 's/.*"InstanceIds":\["\([^"]*\)".*/\1/p' | head -n 1)
        echo "$SFNRUN_STATE_NAME ${item:--}" >> "$SIDE_EFFECTS"
        case "$SFNRUN_STATE_NAME" in
          CheckInstanceHealth)
            if [ "$item" = "$SLOW_INSTANCE" ] && [ "$SFNRUN_RETRY_COUNT" -lt "${UNHEALTHY_UNTIL_RETRY:-0}" ]; then
              echo "instance $item is still booting" >&2
              echo '{"Error": "InstanceNotYetStartedException", "Cause": "still booting"}'
              exit 1
            fi
            echo '{"InstanceStatuses": [{"InstanceStatus": {"Status": "ok"}}]}' ;;
          *) echo '{}' ;;
        esac
        """#

    let folder: URL
    let script: String
    let sideEffects: String

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("sfnrun-rolling-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        script = folder.appendingPathComponent("fake-aws.sh").path
        sideEffects = folder.appendingPathComponent("side-effects.log").path
        try Self.fakeAWS.write(toFile: script, atomically: true, encoding: .utf8)
    }

    func run(_ extra: [String], environment: [String: String] = [:], maxConcurrency: Int = 2) async
        -> (ExitCode, CapturedTerminalIO)
    {
        var variables = ProcessInfo.processInfo.environment
        variables["SIDE_EFFECTS"] = sideEffects
        variables.merge(environment) { $1 }
        let input = #"""
            {"InstanceIds": ["i-1", "i-2", "i-3"], "MaxConcurrency": \#(maxConcurrency), "TargetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/1",
             "AlarmNames": ["web-5xx"], "AlertTopicArn": "arn:aws:sns:us-east-1:123456789012:ops"}
            """#
        let io = CapturedTerminalIO(environment: variables)
        return await sfnrun(
            [
                "start", Fixtures.runbook("rolling-restart.json"), "--input", input, "--output", "json", "--history",
                "--task-command", "arn:aws:states:::aws-sdk:*=sh \(script)",
                "--task-command", "PublishAlert=sh \(script)",
            ] + extra, io: io)
    }

    var calls: [String] {
        ((try? String(contentsOfFile: sideEffects, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    @Test("Every task runs once per instance, in order per instance; the shortened waits show in the history")
    func happyPath() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let (status, io) = await run(["--wait-seconds", "WaitForDraining=0", "--wait-seconds", "WaitForBoot=0.01"])
        #expect(status == .success, "\(io.error)")
        let document = try JSONValue(parsing: io.output)
        #expect(document["status"] == "SUCCEEDED")
        #expect(
            try JSONValue(parsing: document["output"]?.stringValue ?? "")
                == ["Restarted": ["i-1", "i-2", "i-3"], "AlarmActions": "enabled"])

        let calls = self.calls
        #expect(calls.first == "DisableAlarmActions -")
        #expect(calls.last == "EnableAlarmActions -")
        #expect(calls.count == 2 + 3 * 4)
        for instance in ["i-1", "i-2", "i-3"] {
            #expect(
                calls.filter { $0.hasSuffix(" \(instance)") }
                    == ["DeregisterTarget", "RebootInstance", "CheckInstanceHealth", "RegisterTarget"].map {
                        "\($0) \(instance)"
                    })
        }
        // The whole run, with its 3 × 360 s of waits, took well under a minute of history time.
        let events = try #require(document["events"]?.arrayValue)
        let format = ISO8601DateFormatter()
        format.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let times = events.compactMap { $0["timestamp"]?.stringValue }.compactMap { format.date(from: $0) }
        let span = try #require(times.last).timeIntervalSince(try #require(times.first))
        #expect(span < 60)
        #expect(events.filter { $0["type"] == "WaitStateExited" }.count == 6)
    }

    // One instance at a time: with concurrent branches the order in which a simulated clock wakes them
    // can vary on a busy machine (see VirtualClock), and this test pins exact simulated times.
    @Test("On virtual time, a health check that fails until its first retry is retried after 120 simulated seconds")
    func retried() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let (status, io) = await run(
            ["--virtual-time", "--start-time", "2026-01-31T12:00:00Z"],
            environment: ["SLOW_INSTANCE": "i-2", "UNHEALTHY_UNTIL_RETRY": "1"], maxConcurrency: 1)
        #expect(status == .success, "\(io.error)")
        #expect(io.errorLines.contains("  [CheckInstanceHealth] instance i-2 is still booting"))
        #expect(calls.filter { $0 == "CheckInstanceHealth i-2" }.count == 2)
        let document = try JSONValue(parsing: io.output)
        let events = try #require(document["events"]?.arrayValue)
        #expect(events.filter { $0["type"] == "TaskFailed" }.count == 1)
        // 3 × (300 s draining + 60 s booting) + i-2's retry after 120 s; the commands take no simulated time.
        #expect(document["startDate"] == "2026-01-31T12:00:00.000Z")
        #expect(document["stopDate"] == "2026-01-31T12:20:00.000Z")
    }

    @Test("An instance that never becomes healthy sends the alert and fails the run after re-enabling the alarms")
    func neverHealthy() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let (status, io) = await run(
            ["--virtual-time"], environment: ["SLOW_INSTANCE": "i-3", "UNHEALTHY_UNTIL_RETRY": "99"])
        #expect(status == .failure)
        let document = try JSONValue(parsing: io.output)
        #expect(document["status"] == "FAILED")
        #expect(document["error"] == "RollingRestartFailed")
        let calls = self.calls
        #expect(calls.filter { $0 == "CheckInstanceHealth i-3" }.count == 4)  // the first try and three retries
        #expect(calls.contains("PublishAlert -"))
        #expect(calls.last == "ReenableAlarmActionsAfterFailure -")
    }

    @Test("The README's command-task example runs as shown")
    func readmeExample() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let (status, io) = await sfnrun([
            "start", Fixtures.runbook("rolling-restart.json"),
            "--input",
            #"{"InstanceIds": ["i-1", "i-2"], "TargetGroupArn": "tg", "AlarmNames": ["web-5xx"], "AlertTopicArn": "ops"}"#,
            "--task-command", "arn:aws:states:::aws-sdk:*=cat >/dev/null; echo {}",
            "--task-command",
            #"CheckInstanceHealth=echo "{\"InstanceStatuses\": [{\"InstanceStatus\": {\"Status\": \"ok\"}}]}""#,
            "--wait-seconds", "WaitForDraining=0", "--wait-seconds", "WaitForBoot=0",
        ])
        #expect(status == .success, "\(io.error)")
        #expect(try JSONValue(parsing: io.output) == ["Restarted": ["i-1", "i-2"], "AlarmActions": "enabled"])
    }
}
