import Foundation
import StatesLanguage
import StatesLanguageProcess

/// `sfnrun start`: runs one execution and prints its result.
struct StartCommand: Command {
    static let help = CommandHelp(
        name: "start",
        summary: "Run an execution of a state machine and print its result.",
        usage: [
            "start <definition> [--input <json> | --input-file <file> | -] [options]",
            "start <definition> --mock-config <file> --test-case <name> [options]",
        ],
        operands: [
            ("<definition>", "The definition (.json or .asl.json); - reads it from standard input."),
            ("-", "Read the execution input from standard input."),
        ],
        options: [
            .value("input", "<json>", help: "The execution input as JSON text (default {})."),
            .value("input-file", "<file>", help: "Read the execution input from a file (- for standard input)."),
            .value("name", "<name>", help: "The execution name (default: a UUID)."),
            .value("state-machine", "<name>", help: "The state machine name (default: the file name)."),
        ] + TaskOptions.options + [
            .value("callback-dir", "<dir>", help: "Take .waitForTaskToken callbacks from 'sfnrun callback' via this folder."),
            .flag("virtual-time", help: "Run waits, retries and timeouts on a simulated clock, instantly."),
            .value("start-time", "<timestamp>", help: "With --virtual-time: the clock's start (2026-01-31T12:00:00Z)."),
            .value("output", "<format>", allowed: ["text", "json"], help: "How to print the result (default text)."),
            .flag("history", help: "Also print the execution's history events."),
            .flag("quiet", short: "q", help: "Print no progress or status line; only the result and errors."),
        ],
        discussion: """
            Progress (one line per state entered and left) goes to standard error when it is a terminal;
            the output (or, with --output json, a describe-execution document) goes to standard output.
            A --task-command runs with /bin/sh -c: the task's input as JSON on standard input, its result as
            JSON on standard output; a state name is matched before resource patterns; mocked states keep
            their mocks. SIGINT (Ctrl-C), SIGTERM and SIGHUP stop the execution (status ABORTED) and any
            running command, and exit with status 130, 143 and 129.
            """,
        examples: [
            "sfnrun start StateMachines/patch-report.json --input '{\"InstanceId\": \"i-0abc\"}'",
            "sfnrun start machine.asl.json --input-file input.json --output json --history",
            "sfnrun start StateMachines/rolling-restart.json --mock-config StateMachines/mocks/rolling-restart.mock.json \\",
            "    --test-case HappyPath --virtual-time",
            "sfnrun start StateMachines/rolling-restart.json --input-file restart.json \\",
            "    --task-command 'arn:aws:states:::aws-sdk:*=./fake-aws.sh' --wait-seconds WaitForDraining=1",
        ])

    var definitionPath: String
    var inputSource: InputSource
    var executionName: String?
    var stateMachineName: String?
    var tasks: TaskOptions
    var callbackDirectory: String?
    var clockStart: Date?
    var usesVirtualTime: Bool
    var format: String
    var showsHistory: Bool
    var isQuiet: Bool

    init(arguments: [String]) throws(UsageError) {
        let parsed = try ArgumentParser.parse(arguments, for: Self.help)
        guard let definition = parsed.operands.first else { throw UsageError("missing the definition file") }
        definitionPath = definition
        let extra = parsed.operands.dropFirst()
        if extra.count > 1 || (extra.first.map { $0 != "-" } ?? false) {
            let stray = extra.first { $0 != "-" } ?? extra[extra.startIndex + 1]
            throw UsageError("unexpected argument '\(stray)' (only the definition file and '-' for the input are allowed)")
        }
        inputSource = try InputSource(parsed, stdinOperand: extra.first == "-")
        let fromStandardInput = [definition == "-", inputSource.usesStandardInput, parsed.value("mock-config") == "-"]
        if fromStandardInput.filter({ $0 }).count > 1 {
            throw UsageError("only one of the definition, the input and the mock file can come from standard input")
        }
        executionName = parsed.value("name")
        stateMachineName = parsed.value("state-machine")
        tasks = try TaskOptions(parsed)
        callbackDirectory = parsed.value("callback-dir")
        usesVirtualTime = parsed.flag("virtual-time")
        if let text = parsed.value("start-time") {
            guard usesVirtualTime else { throw UsageError("--start-time needs --virtual-time") }
            guard let date = TimestampArgument.parse(text) else {
                throw UsageError("invalid value '\(text)' for '--start-time' (expected a timestamp like 2026-01-31T12:00:00Z)")
            }
            clockStart = date
        }
        format = parsed.value("output") ?? "text"
        showsHistory = parsed.flag("history")
        isQuiet = parsed.flag("quiet")
    }

    func run(io: any TerminalIO) async -> ExitCode {
        do {
            return try await execute(io: io)
        } catch {
            for line in error.lines { io.error(line) }
            return error.exitCode
        }
    }

    private func execute(io: any TerminalIO) async throws(CommandFailure) -> ExitCode {
        let source = try SourceText.read(definitionPath, io: io)
        let machine = try source.stateMachine(name: stateMachineName)
        for warning in machine.warnings { io.error(warning.formatted(file: source.displayName)) }
        let input = try inputSource.value(io: io)
        let supervisor = CommandSupervisor()
        let prepared = try tasks.prepare(for: machine, io: io, supervisor: supervisor, forwardsCommandErrors: !isQuiet)
        let clock: any ExecutionClock =
            usesVirtualTime ? VirtualClock(start: clockStart ?? Date()) : SystemClock()
        var executor = Executor(registry: prepared.registry, clock: clock)
        tasks.configure(&executor, io: io)
        let execution: Execution
        do {
            execution = try await executor.start(
                machine, input: input ?? prepared.testCaseInput ?? .object(JSONObject()), name: executionName)
        } catch {
            throw CommandFailure("error: \(error.cause ?? error.name.rawValue)")
        }
        let session = ExecutionSession(
            machineName: machine.name ?? "StateMachine", format: format, showsHistory: showsHistory, isQuiet: isQuiet,
            callbackDirectory: callbackDirectory)
        return await session.follow(execution, supervisor: supervisor, io: io)
    }
}
