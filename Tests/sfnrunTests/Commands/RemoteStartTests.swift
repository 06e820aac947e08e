import Foundation
import StatesLanguage
import StatesLanguageAWS
import Synchronization
import Testing

@testable import sfnrun

@Suite("sfnrun start --remote: arguments")
struct RemoteStartArgumentTests {
    @Test(
        "Local-only options and a definition file are usage errors with --remote",
        arguments: [
            (["start", "--remote", "m", "machine.json"], "error: unexpected argument 'machine.json' (--remote runs"),
            (["start", "--remote", "m", "--mock-config", "x.json", "--test-case", "A"], "error: --mock-config is for local runs"),
            (["start", "--remote", "m", "--virtual-time"], "error: --virtual-time is for local runs"),
            (["start", "--remote", "m", "--type", "EXPRESS"], "error: --type is for local runs"),
            (["start", "--remote", "m", "--state-machine-dir", "d"], "error: --state-machine-dir is for local runs"),
            (["start", "--remote", "m", "-", "-"], "error: standard input ('-') can be given only once"),
            (["start", "--remote=", "--input", "{}"], "error: --remote needs a state machine name or ARN"),
        ] as [([String], String)])
    func usage(arguments: [String], message: String) async {
        let (status, io) = await sfnrun(arguments)
        #expect(status == .usage)
        #expect(io.error.hasPrefix(message), "\(io.error)")
    }

    @Test("An execution name AWS would refuse is refused before any call")
    func badName() async {
        let io = CapturedTerminalIO(environment: ["HOME": "/nonexistent"])
        let (status, _) = await sfnrun(["start", "--remote", "m", "--name", "run 1"], io: io)
        #expect(status == .usage)
        #expect(io.error.hasPrefix("error: --name: the name 'run 1' may not contain ' '"))
    }

    @Test("EXPRESS state machines run with StartSyncExecution; the result prints as a local run's")
    func express() async throws {
        let arn = "arn:aws:states:eu-west-1:123456789012:stateMachine:quick"
        let calls = RequestLog()
        let transport = ClosureHTTPClient { request in
            let target = request.headerValue(named: "X-Amz-Target") ?? "sts"
            calls.append("\(target) \(request.url.host() ?? "")")
            let body: JSONValue
            switch target {
            case "sts":
                return HTTPResponse(
                    statusCode: 200,
                    body: Array(
                        "<GetCallerIdentityResponse><GetCallerIdentityResult><Account>123456789012</Account></GetCallerIdentityResult></GetCallerIdentityResponse>"
                            .utf8))
            case "AWSStepFunctions.DescribeStateMachine":
                body = [
                    "stateMachineArn": .string(arn), "name": "quick", "type": "EXPRESS", "roleArn": "r",
                    "definition": "{}",
                ]
            default:
                let input = try JSONValue(parsing: request.body)
                body = [
                    "executionArn": "arn:aws:states:eu-west-1:123456789012:express:quick:run-1:1", "name": "run-1",
                    "stateMachineArn": .string(arn), "status": "SUCCEEDED", "startDate": 1_700_000_000,
                    "stopDate": 1_700_000_001.5, "input": input["input"] ?? "{}", "output": #"{"ok":true}"#,
                ]
            }
            return HTTPResponse(statusCode: 200, body: body.jsonBytes())
        }
        var command = try StartCommand(arguments: [
            "--remote", "quick", "--name", "run-1", "--input", #"{"n": 1}"#, "--region", "eu-west-1", "--output", "json",
        ])
        command.aws.httpClient = transport
        let io = CapturedTerminalIO(environment: ["AWS_ACCESS_KEY_ID": "k", "AWS_SECRET_ACCESS_KEY": "s", "HOME": "/nonexistent"])
        let status = await command.run(io: io)
        #expect(status == .success, "\(io.error)")
        let document = try JSONValue(parsing: io.output)
        #expect(document["status"] == "SUCCEEDED")
        #expect(document["output"] == #"{"ok":true}"#)
        #expect(document["input"] == #"{"n":1}"#)
        #expect(
            calls.all == [
                "sts sts.eu-west-1.amazonaws.com",
                "AWSStepFunctions.DescribeStateMachine states.eu-west-1.amazonaws.com",
                "AWSStepFunctions.StartSyncExecution sync-states.eu-west-1.amazonaws.com",
            ])
    }
}

@Suite("sfnrun start --remote against moto", .enabled(if: MotoStepFunctions.isAvailable, MotoStepFunctions.skipMessage))
struct RemoteStartMotoTests {
    let definition = Fixtures.path("remote-greeter.asl.json")

    func deployed() async throws -> String {
        let name = MotoStepFunctions.unique("greeter")
        let (status, io) = try await MotoStepFunctions.deploy(definition, name: name)
        try #require(status == .success, "\(io.error)")
        return name
    }

    @Test("A succeeded run: progress lines from the remote history, the output, exit 0")
    func succeeded() async throws {
        let name = try await deployed()
        let io = MotoStepFunctions.terminal(isErrorTerminal: true)
        let (status, _) = try await MotoStepFunctions.startRemote(
            name, ["--input", #"{"who": "world"}"#, "--name", "run-ok"], io: io)
        #expect(status == .success, "\(io.error)")
        #expect(try JSONValue(parsing: io.output) == ["greeting": "hello world"])
        let lines = io.errorLines
        #expect(lines.first == "started arn:aws:states:us-east-1:123456789012:execution:\(name):run-ok")
        for state in ["  → Greet (Pass)", "  → Pause (Wait)", "  → Decide (Choice)", "  → Done (Succeed)"] {
            #expect(lines.contains(state), "\(lines)")
        }
        #expect(lines.contains { $0.hasPrefix("  ← Pause (Wait) 1") })
        #expect(lines.contains { $0.hasPrefix("SUCCEEDED  \(name) (4 states entered, ") })
    }

    @Test("--output json --history: the describe-execution document with the remote events, as a local run prints")
    func json() async throws {
        let name = try await deployed()
        let (status, io) = try await MotoStepFunctions.startRemote(
            name, ["--input", #"{"who": "json"}"#, "--name", "run-json", "--output", "json", "--history"])
        #expect(status == .success, "\(io.error)")
        let document = try JSONValue(parsing: io.output)
        #expect(document["executionArn"] == .string("arn:aws:states:us-east-1:123456789012:execution:\(name):run-json"))
        #expect(document["name"] == "run-json")
        #expect(document["status"] == "SUCCEEDED")
        #expect(try JSONValue(parsing: document["output"]?.stringValue ?? "") == ["greeting": "hello json"])
        let events = try #require(document["events"]?.arrayValue)
        #expect(events.first?["type"] == "ExecutionStarted")
        #expect(events.last?["type"] == "ExecutionSucceeded")
        #expect(events.allSatisfy { $0["timestamp"]?.stringValue?.hasSuffix("Z") == true })
        // The same keys as a local run's document.
        let golden = Fixtures.directory.appendingPathComponent("Golden/start-succeeded.json")
        let local = try JSONValue(parsing: try String(contentsOf: golden, encoding: .utf8))
        #expect(Set(document.objectValue?.keys ?? []) == Set(local.objectValue?.keys ?? []))
    }

    @Test("A failed run prints error and cause; exit 1; --history lists the events as text")
    func failed() async throws {
        let name = try await deployed()
        let (status, io) = try await MotoStepFunctions.startRemote(
            name, ["--input", #"{"who": "nobody"}"#, "--history"])
        #expect(status == .failure)
        #expect(io.errorLines.contains("error: NobodyThere"))
        #expect(io.errorLines.contains("cause: no one to greet"))
        #expect(io.output.contains("FailStateEntered"))
        #expect(io.output.contains("ExecutionFailed"))
        #expect(io.output.contains("  NobodyThere\n"))
    }

    @Test("An unknown name is refused with a suggestion; exit 2")
    func unknownName() async throws {
        let name = try await deployed()
        let typo = String(name.dropLast()) + "x"
        let (status, io) = try await MotoStepFunctions.startRemote(typo)
        #expect(status == .usage)
        #expect(io.errorLines.first == "error: no state machine named '\(typo)' in us-east-1 (did you mean '\(name)'?)")
    }

    @Test("An ARN works as the target")
    func byARN() async throws {
        // moto 5.2's interpreter cannot start a version or an alias (StartExecution answers 500);
        // the stub tests of StepFunctionsClient.resolveStateMachine cover qualified ARNs.
        let name = try await deployed()
        let arn = "arn:aws:states:us-east-1:123456789012:stateMachine:\(name)"
        let (status, io) = try await MotoStepFunctions.startRemote(arn, ["--input", #"{"who": "arn"}"#, "-q"])
        #expect(status == .success, "\(io.error)")
        #expect(try JSONValue(parsing: io.output) == ["greeting": "hello arn"])
        #expect(io.error.isEmpty)
    }

    @Test("Ctrl-C stops following and stops the remote execution: ABORTED, exit 130")
    func interrupted() async throws {
        let name = MotoStepFunctions.unique("sleeper")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("\(name).json")
        try Data(#"{"StartAt": "Nap", "States": {"Nap": {"Type": "Wait", "Seconds": 600, "End": true}}}"#.utf8)
            .write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let (deployedStatus, _) = try await MotoStepFunctions.deploy(file.path, name: name)
        try #require(deployedStatus == .success)
        let io = MotoStepFunctions.terminal(immediateSignal: .interrupt)
        var command = try StartCommand(
            arguments: ["--remote", name, "--name", "nap-1", "--output", "json"]
                + (try await MotoStepFunctions.endpointArguments()))
        command.pollingClock = SystemClock()
        let status = await command.run(io: io)
        #expect(status == .interrupted, "\(io.error)")
        let document = try JSONValue(parsing: io.output)
        #expect(document["status"] == "ABORTED")
        #expect(document["name"] == "nap-1")
    }
}

/// The requests a stub transport saw.
final class RequestLog: Sendable {
    private let entries = Mutex<[String]>([])
    func append(_ entry: String) { entries.withLock { $0.append(entry) } }
    var all: [String] { entries.withLock { $0 } }
}
