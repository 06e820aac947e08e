import Foundation
import StatesLanguage
import StatesLanguageAWS
import StatesLanguageProcess

/// `sfnrun start`: runs one execution and prints its result.
struct StartCommand: Command {
    static let help = CommandHelp(
        name: "start",
        summary: "Run an execution of a state machine and print its result.",
        usage: [
            "start <definition> [--input <json> | --input-file <file> | -] [options]",
            "start <definition> --mock-config <file> --test-case <name> [options]",
            "start --remote <name|arn> [--input <json> | --input-file <file> | -] [options]",
        ],
        operands: [
            ("<definition>", "The definition (.json, .asl.json, .yaml, .asl.yaml); - reads it from standard input."),
            ("-", "Read the execution input from standard input."),
        ],
        options: [
            .value("input", "<json>", help: "The execution input as JSON text (default {})."),
            .value("input-file", "<file>", help: "Read the execution input from a file (- for standard input)."),
            .value("name", "<name>", help: "The execution name (default: a UUID)."),
            .value("state-machine", "<name>", help: "The state machine name (default: the file name)."),
            .value(
                "type", "<type>", allowed: ["STANDARD", "EXPRESS"],
                help: "The state machine type (default STANDARD); EXPRESS runs at most 5 minutes."),
        ] + TaskOptions.options + StoreOptions.options + [
            .value("remote", "<name|arn>", help: "Run the execution on AWS Step Functions (a deployed state machine)."),
            .value("callback-dir", "<dir>", help: "Take .waitForTaskToken callbacks from 'sfnrun callback' via this folder."),
            .flag("virtual-time", help: "Run waits, retries and timeouts on a simulated clock, instantly."),
            .value("start-time", "<timestamp>", help: "With --virtual-time: the clock's start (2026-01-31T12:00:00Z)."),
            .value("output", "<format>", allowed: ["text", "json"], help: "How to print the result (default text)."),
            .flag("history", help: "Also print the execution's history events."),
            .flag("quiet", short: "q", help: "Print no progress or status line; only the result and errors."),
        ] + SubstitutionOptions.specs,
        discussion: """
            Progress (one line per state entered and left) goes to standard error when it is a terminal;
            the output (or, with --output json, a describe-execution document) goes to standard output.
            A --task-command runs with /bin/sh -c: the task's input as JSON on standard input, its result as
            JSON on standard output; a state name is matched before resource patterns; mocked states keep
            their mocks. SIGINT (Ctrl-C), SIGTERM and SIGHUP stop the execution (status ABORTED) and any
            running command, and exit with status 130, 143 and 129.

            Standard executions are kept in the execution store (./.sfnrun, or --store, or $SFNRUN_STORE;
            --no-store keeps nothing): after a crash or kill -9, 'sfnrun resume NAME' continues the run;
            'sfnrun list', 'describe', 'history', 'stop' and 'redrive' work on it from any shell.
            With --type EXPRESS the definition may not use .sync, .waitForTaskToken or activities, the
            execution stops with TIMED_OUT after 5 minutes and has no history quota, and --output json
            prints a StartSyncExecution response instead.

            With --remote the execution runs on AWS (StartExecution; StartSyncExecution for EXPRESS state
            machines): a name is looked up in the account and region of the credentials, an ARN may name a
            version or alias. Progress comes from polling GetExecutionHistory; the result and exit status are
            those of a local run. A stop signal stops following and stops the remote execution (StopExecution).
            """,
        examples: [
            "sfnrun start StateMachines/patch-report.json --input '{\"InstanceId\": \"i-0abc\"}'",
            "sfnrun start machine.asl.json --input-file input.json --output json --history",
            "sfnrun start StateMachines/rolling-restart.json --mock-config StateMachines/mocks/rolling-restart.mock.json \\",
            "    --test-case HappyPath --virtual-time",
            "sfnrun start StateMachines/rolling-restart.json --input-file restart.json \\",
            "    --task-command 'arn:aws:states:::aws-sdk:*=./fake-aws.sh' --wait-seconds WaitForDraining=1",
            "sfnrun start --remote patch-report --input '{\"InstanceId\": \"i-0abc\"}' --profile ops",
        ])

    /// The definition file of a local run; `nil` with `--remote`.
    var definitionPath: String?
    /// The state machine name or ARN of a remote run.
    var remoteTarget: String?
    var inputSource: InputSource
    var executionName: String?
    var stateMachineName: String?
    /// How Task states are served and Wait states timed (also the AWS settings of remote runs).
    var tasks: TaskOptions
    /// `--type`: STANDARD or EXPRESS.
    var type: StateMachineType
    var callbackDirectory: String?
    /// `--store`, `--no-store`: where the execution is kept.
    var storage: StoreOptions
    var clockStart: Date?
    var usesVirtualTime: Bool
    var format: String
    var showsHistory: Bool
    var isQuiet: Bool
    var substitutionOptions: SubstitutionOptions
    /// The clock remote runs poll on.
    var pollingClock: any ExecutionClock = SystemClock()
    /// How often remote runs poll.
    var polling = HistoryPolling()

    /// Where AWS calls go: `--profile`, `--region`, `--endpoint-url`.
    var aws: AWSSettings {
        get { tasks.aws }
        set { tasks.aws = newValue }
    }

    /// How the finished execution is printed, and how a running one is followed.
    var session: ExecutionSession {
        ExecutionSession(
            format: format, showsHistory: showsHistory, isQuiet: isQuiet, callbackDirectory: callbackDirectory,
            resultShape: type == .express ? .startSync : .describe)
    }

    init(arguments: [String]) throws(UsageError) {
        let parsed = try ArgumentParser.parse(arguments, for: Self.help)
        remoteTarget = parsed.value("remote")
        let extra: ArraySlice<String>
        if let remoteTarget {
            if remoteTarget.isEmpty { throw UsageError("--remote needs a state machine name or ARN") }
            let localOnly = [
                "mock-config", "test-case", "allow-unmocked", "task-command", "wait-seconds", "state-machine",
                "state-machine-dir", "callback-dir", "virtual-time", "start-time", "type", "substitute", "substitutions",
                "store", "no-store",
            ]
            if let option = localOnly.first(where: parsed.has) {
                throw UsageError("--\(option) is for local runs; it cannot be used with --remote")
            }
            extra = parsed.operands[...]
            if let stray = extra.first(where: { $0 != "-" }) {
                throw UsageError("unexpected argument '\(stray)' (--remote runs a deployed state machine; no definition file)")
            }
            if extra.count > 1 { throw UsageError("standard input ('-') can be given only once") }
        } else {
            guard let definition = parsed.operands.first else { throw UsageError("missing the definition file") }
            definitionPath = definition
            extra = parsed.operands.dropFirst()
            if extra.count > 1 || (extra.first.map { $0 != "-" } ?? false) {
                let stray = extra.first { $0 != "-" } ?? extra[extra.startIndex + 1]
                throw UsageError(
                    "unexpected argument '\(stray)' (only the definition file and '-' for the input are allowed)")
            }
        }
        inputSource = try InputSource(parsed, stdinOperand: extra.first == "-")
        substitutionOptions = try SubstitutionOptions(parsed)
        let fromStandardInput = [
            definitionPath == "-", inputSource.usesStandardInput, parsed.value("mock-config") == "-",
            substitutionOptions.usesStandardInput,
        ]
        if fromStandardInput.filter({ $0 }).count > 1 {
            throw UsageError("only one of the definition, the input, the mock file and the substitutions can come from standard input")
        }
        executionName = parsed.value("name")
        stateMachineName = parsed.value("state-machine")
        type = parsed.value("type").flatMap(StateMachineType.init(rawValue:)) ?? .standard
        tasks = try TaskOptions(parsed)
        storage = try StoreOptions(parsed, storesByDefault: true)
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
            if let remoteTarget { return try await runRemote(remoteTarget, io: io) }
            return try await execute(io: io)
        } catch {
            for line in error.lines { io.error(line) }
            return error.exitCode
        }
    }

    private func execute(io: any TerminalIO) async throws(CommandFailure) -> ExitCode {
        let substitutions = try substitutionOptions.load(io: io)
        let source = try SourceText.read(definitionPath ?? "-", io: io)
        let machine = try source.stateMachine(name: stateMachineName, type: type, substitutions: substitutions)
        for warning in machine.warnings { io.error(warning.formatted(file: source.displayName)) }
        let input = try inputSource.value(io: io)
        let supervisor = CommandSupervisor()
        let prepared = try tasks.prepare(
            for: machine, io: io, supervisor: supervisor, forwardsCommandErrors: !isQuiet, substitutions: substitutions)
        let clock: any ExecutionClock =
            usesVirtualTime ? VirtualClock(start: clockStart ?? Date()) : SystemClock()
        var executor = Executor(registry: prepared.registry, clock: clock)
        tasks.configure(&executor, io: io)
        // Express executions are not kept (AWS neither resumes nor redrives them).
        let store = type == .express ? nil : storage.store(io: io)
        executor.store = store
        let execution: Execution
        do {
            execution = try await executor.start(
                machine, input: input ?? prepared.testCaseInput ?? .object(JSONObject()), name: executionName)
        } catch {
            let named = error.name.rawValue.hasPrefix("Execution") ? "\(error.name.rawValue): " : ""
            throw CommandFailure("error: \(named)\(error.cause ?? error.name.rawValue)")
        }
        var session = session
        session.store = store
        return await session.follow(
            execution, machineName: machine.name ?? "StateMachine", supervisor: supervisor, io: io)
    }
}
