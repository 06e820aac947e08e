import Foundation
import StatesLanguage
import Testing

@testable import sfnrun

@Suite("sfnrun start/test --task-command and --wait-seconds")
struct TaskCommandOptionTests {
    let fleet = Fixtures.path("fleet.asl.json")
    let greeting = Fixtures.path("greeting.asl.json")
    let mocks = Fixtures.path("greeting.mock.json")

    /// Answers every aws-sdk task with its input plus a marker, every other task with `{}`.
    let awsEcho =
        #"arn:aws:states:::aws-sdk:*=read -r input; printf '{"from":"%s","input":%s}' "$SFNRUN_STATE_NAME" "$input""#

    func start(_ extra: [String], io: CapturedTerminalIO = CapturedTerminalIO()) async -> (ExitCode, CapturedTerminalIO)
    {
        await sfnrun(["start", fleet, "--input", #"{"fleet": "web"}"#, "-q"] + extra, io: io)
    }

    @Test(
        "Commands serve Task states by state name first, then by resource pattern; --wait-seconds shortens a Map's Wait"
    )
    func precedence() async throws {
        let (status, io) = await start([
            "--task-command", awsEcho,
            "--task-command", #"Describe=cat >/dev/null; echo '{"Ids": ["i-1", "i-2"]}'"#,
            "--task-command", #"arn:aws:states:::sns:*=cat"#,
            "--wait-seconds", "Settle=0",
        ])
        #expect(status == .success, "\(io.error)")
        let output = try JSONValue(parsing: io.output)
        #expect(output["described"] == ["Ids": ["i-1", "i-2"]])
        #expect(
            output["rebooted"] == [
                ["from": "Reboot", "input": ["InstanceIds": ["i-1"]]],
                ["from": "Reboot", "input": ["InstanceIds": ["i-2"]]],
            ])
        #expect(output["notified"] == ["Message": "rebooted 2"])
    }

    @Test("A command's failure fails the execution with its Error and Cause; its stderr is shown as [State] lines")
    func failure() async throws {
        let io = CapturedTerminalIO(environment: ProcessInfo.processInfo.environment)
        let (status, _) = await sfnrun(
            [
                "start", fleet, "--input", #"{"fleet": "db"}"#,
                "--task-command",
                #"Describe=echo 'looking up the fleet' >&2; echo '{"Error": "Ec2.Unauthorized", "Cause": "no role"}'; exit 1"#,
            ], io: io)
        #expect(status == .failure)
        #expect(io.output.isEmpty)
        #expect(io.errorLines.contains("  [Describe] looking up the fleet"))
        #expect(io.errorLines.contains("error: Ec2.Unauthorized"))
        #expect(io.errorLines.contains("cause: no role"))
    }

    @Test("--quiet keeps commands' standard error to itself")
    func quiet() async {
        let (status, io) = await start([
            "--task-command", "Describe=echo chatter >&2; exit 3", "--output", "json",
        ])
        #expect(status == .failure)
        #expect(!io.error.contains("chatter"))
        #expect(io.output.contains(#""cause": "chatter""#))
    }

    @Test("The history records the commands' tasks as AWS records the service calls")
    func history() async throws {
        let (status, io) = await start([
            "--task-command", #"*=cat >/dev/null; echo '{"Ids": []}'"#, "--output", "json", "--history",
        ])
        #expect(status == .success)
        let events = try #require(try JSONValue(parsing: io.output)["events"]?.arrayValue)
        let types = events.compactMap { $0["type"]?.stringValue }
        #expect(types.filter { $0 == "TaskSucceeded" }.count == 2)
        #expect(
            events.first { $0["type"] == "TaskScheduled" }?["taskScheduledEventDetails"]?["resource"]
                == "describeInstances")
    }

    @Test(
        "Mistakes in --task-command and --wait-seconds are usage errors naming the argument",
        arguments: [
            (
                ["--task-command", "Describe"],
                "invalid value 'Describe' for '--task-command' (expected STATE=COMMAND or RESOURCE-ARN-PATTERN=COMMAND)"
            ),
            (["--task-command", "=echo"], "invalid value '=echo' for '--task-command'"),
            (
                ["--task-command", "Descrbe=echo {}"],
                "error: --task-command 'Descrbe': no Task state is named 'Descrbe' and no Task state's Resource matches it (did you mean 'Describe'?)"
            ),
            (
                ["--task-command", "arn:aws:states:::lambda:*=echo {}"],
                "error: --task-command 'arn:aws:states:::lambda:*': no Task state is named"
            ),
            (["--wait-seconds", "Settle"], "invalid value 'Settle' for '--wait-seconds' (expected STATE=SECONDS"),
            (["--wait-seconds", "Settle=-1"], "invalid value 'Settle=-1' for '--wait-seconds'"),
            (["--wait-seconds", "Settle=soon"], "invalid value 'Settle=soon' for '--wait-seconds'"),
            (
                ["--wait-seconds", "Setle=1"],
                "error: --wait-seconds 'Setle': no Wait state is named 'Setle' (did you mean 'Settle'?)"
            ),
            (
                ["--wait-seconds", "Reboot=1"],
                "error: --wait-seconds 'Reboot': the state is a Task state, not a Wait state"
            ),
        ] as [([String], String)])
    func mistakes(arguments: [String], message: String) async {
        let (status, io) = await start(arguments)
        #expect(status == .usage)
        #expect(io.error.contains(message), "\(io.error)")
        #expect(io.output.isEmpty)
    }

    @Test("With a mock file, mocked states keep their mocks (with a warning); commands serve the unmocked ones")
    func withMocks() async throws {
        let (status, io) = await sfnrun([
            "start", greeting, "--mock-config", mocks, "--test-case", "Unmocked", "--virtual-time", "-q",
            "--task-command", #"Send=read -r input; printf '{"Echo": %s}' "$input""#,
        ])
        #expect(status == .success, "\(io.error)")
        #expect(try JSONValue(parsing: io.output)["Sent"]?["Echo"]?["Message"] == "Hello, world!")

        let (mockedStatus, mockedIO) = await sfnrun([
            "start", greeting, "--mock-config", mocks, "--test-case", "Delivered", "--virtual-time", "-q",
            "--task-command", "Send=exit 1",
        ])
        #expect(mockedStatus == .success)
        #expect(
            mockedIO.errorLines.contains(
                "warning: --task-command 'Send': test case 'Delivered' mocks the state, so its mocked responses are used instead"
            ))
        #expect(try JSONValue(parsing: mockedIO.output)["Sent"] == ["MessageId": "m-1"])
    }

    @Test("sfnrun test: a command serves the states a test case does not mock")
    func testCommand() async throws {
        let (_, io) = await sfnrun([
            "test", greeting, "--mock-config", mocks, "--test-case", "Unmocked", "--output", "json",
            "--task-command", #"Send=echo '{"MessageId": "from-command"}'"#,
        ])
        let testCase = try #require(try JSONValue(parsing: io.output)["testCases"]?[0])
        // The case expects the unmocked state to fail; served by the command, it succeeds instead.
        #expect(testCase["status"] == "SUCCEEDED")
        #expect(testCase["output"]?["Sent"] == ["MessageId": "from-command"])
    }
}
