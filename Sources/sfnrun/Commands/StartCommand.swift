import Foundation
import StatesLanguage
import StatesLanguageAWS
import StatesLanguageTesting
import Synchronization

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
            ("<definition>", "The definition (.json or .asl.json); - reads it from standard input."),
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
            .value("mock-config", "<file>", help: "Answer Task states from a Step Functions Local mock file."),
            .value("test-case", "<name>", help: "The mock file's test case to use (needs --mock-config)."),
            .flag("allow-unmocked", help: "Let Task states the test case does not mock call real handlers."),
            .value("remote", "<name|arn>", help: "Run the execution on AWS Step Functions (a deployed state machine)."),
        ] + AWSSettings.options + [
            .value("state-machine-dir", "<dir>", help: "Run states:startExecution children defined in this folder locally."),
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
            With --type EXPRESS the definition may not use .sync, .waitForTaskToken or activities, the
            execution stops with TIMED_OUT after 5 minutes and has no history quota, and --output json
            prints a StartSyncExecution response instead.
            Ctrl-C stops the execution (status ABORTED) and exits with status 130.

            With --remote the execution runs on AWS (StartExecution; StartSyncExecution for EXPRESS state
            machines): a name is looked up in the account and region of the credentials, an ARN may name a
            version or alias. Progress comes from polling GetExecutionHistory; the result and exit status are
            those of a local run. Ctrl-C stops following and stops the remote execution (StopExecution).
            """,
        examples: [
            "sfnrun start StateMachines/patch-report.json --input '{\"InstanceId\": \"i-0abc\"}'",
            "sfnrun start machine.asl.json --input-file input.json --output json --history",
            "sfnrun start StateMachines/rolling-restart.json --mock-config StateMachines/mocks/rolling-restart.mock.json \\",
            "    --test-case HappyPath --virtual-time",
            "sfnrun start --remote patch-report --input '{\"InstanceId\": \"i-0abc\"}' --profile ops",
        ])

    /// The definition file of a local run; `nil` with `--remote`.
    var definitionPath: String?
    /// The state machine name or ARN of a remote run.
    var remoteTarget: String?
    var inputSource: InputSource
    var executionName: String?
    var stateMachineName: String?
    var type: StateMachineType
    var mockConfigPath: String?
    var testCaseName: String?
    var allowsUnmocked: Bool
    var aws: AWSSettings
    var callbackDirectory: String?
    var childDirectory: String?
    var clockStart: Date?
    var usesVirtualTime: Bool
    var format: String
    var showsHistory: Bool
    var isQuiet: Bool
    /// The clock remote runs poll on.
    var pollingClock: any ExecutionClock = SystemClock()
    /// How often remote runs poll.
    var polling = HistoryPolling()

    init(arguments: [String]) throws(UsageError) {
        let parsed = try ArgumentParser.parse(arguments, for: Self.help)
        remoteTarget = parsed.value("remote")
        let extra: ArraySlice<String>
        if let remoteTarget {
            if remoteTarget.isEmpty { throw UsageError("--remote needs a state machine name or ARN") }
            let localOnly = [
                "mock-config", "test-case", "allow-unmocked", "state-machine", "state-machine-dir", "callback-dir",
                "virtual-time", "start-time", "type",
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
        let fromStandardInput = [
            definitionPath == "-", inputSource.usesStandardInput, parsed.value("mock-config") == "-",
        ]
        if fromStandardInput.filter({ $0 }).count > 1 {
            throw UsageError("only one of the definition, the input and the mock file can come from standard input")
        }
        executionName = parsed.value("name")
        stateMachineName = parsed.value("state-machine")
        type = parsed.value("type").flatMap(StateMachineType.init(rawValue:)) ?? .standard
        mockConfigPath = parsed.value("mock-config")
        testCaseName = parsed.value("test-case")
        if mockConfigPath != nil, testCaseName == nil { throw UsageError("--mock-config needs --test-case <name>") }
        if testCaseName != nil, mockConfigPath == nil { throw UsageError("--test-case needs --mock-config <file>") }
        allowsUnmocked = parsed.flag("allow-unmocked")
        if allowsUnmocked, mockConfigPath == nil { throw UsageError("--allow-unmocked needs --mock-config <file>") }
        aws = try AWSSettings(parsed)
        callbackDirectory = parsed.value("callback-dir")
        childDirectory = parsed.value("state-machine-dir")
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
        let aws = aws.reading(io)
        let source = try SourceText.read(definitionPath ?? "-", io: io)
        let machine = try source.stateMachine(name: stateMachineName, type: type)
        for warning in machine.warnings { io.error(warning.formatted(file: source.displayName)) }
        var input = try inputSource.value(io: io)
        var registry = TaskRegistry()
        if let mockConfigPath, let testCaseName {
            let configuration = try SourceText.read(mockConfigPath, io: io).mockConfiguration()
            let testCase: MockTestCase
            do {
                testCase = try configuration.testCase(testCaseName, stateMachine: machine.name ?? "")
            } catch {
                throw CommandFailure(error.formatted(file: mockConfigPath))
            }
            if input == nil { input = testCase.input }
            registry.register(
                MockTaskHandler(testCase: testCase, fallback: allowsUnmocked ? SFNRun.liveHandlers(aws) : nil), for: "*")
        } else {
            registry = SFNRun.liveHandlers(aws)
        }
        if let childDirectory { registry.registerLocalStateMachines(try Self.loadMachines(in: childDirectory, io: io)) }
        let clock: any ExecutionClock =
            usesVirtualTime ? VirtualClock(start: clockStart ?? Date()) : SystemClock()
        var executor = Executor(registry: registry, clock: clock)
        if let region = aws.region ?? ProcessInfo.processInfo.environment["AWS_REGION"] { executor.region = region }
        let execution: Execution
        do {
            execution = try await executor.start(machine, input: input ?? .object(JSONObject()), name: executionName)
        } catch {
            throw CommandFailure("error: \(error.cause ?? error.name.rawValue)")
        }

        let interrupted = Mutex(false)
        let watch = io.watchInterrupts {
            interrupted.withLock { $0 = true }
            execution.stop(cause: "Interrupted by SIGINT (Ctrl-C).")
        }
        defer { watch.cancel() }

        let style = io.errorStyle
        let showsProgress = !isQuiet && io.isErrorTerminal
        async let progress: Void = showsProgress ? report(execution.events, style: style, io: io) : ()
        let callbacks = callbackDirectory.map { path in
            Task { await CallbackMailbox(path: path).serve(execution, io: io) }
        }
        let result = await execution.result
        callbacks?.cancel()
        await progress

        let report = ExecutionReport(result: result, machineName: machine.name ?? "StateMachine")
        show(report, io: io)
        if interrupted.withLock({ $0 }) { return .interrupted }
        return result.succeeded ? .success : .failure
    }

    /// Prints a finished execution as --output and --history ask.
    func show(_ report: ExecutionReport, io: any TerminalIO) {
        if format == "json" {
            io.output(report.json(history: showsHistory, shape: type == .express ? .startSync : .describe).jsonString(options: .pretty))
        } else {
            if showsHistory { for line in report.historyLines { io.output(line) } }
            if !isQuiet { io.error(report.statusLine(style: io.errorStyle)) }
            for line in report.errorLines { io.error(line) }
            if let output = report.result.output { io.output(output.jsonString(options: .pretty)) }
        }
    }

    /// Every definition (`.json`, `.asl.json`) in `directory`, named after its file.
    static func loadMachines(in directory: String, io: any TerminalIO) throws(CommandFailure) -> [String: StateMachine] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        } catch {
            throw CommandFailure("error: cannot read the folder \(directory): \(error.localizedDescription)")
        }
        var machines: [String: StateMachine] = [:]
        for file in names where file.hasSuffix(".json") && !file.hasSuffix(".mock.json") {
            let machine = try SourceText.read((directory as NSString).appendingPathComponent(file), io: io).stateMachine()
            machines[machine.name ?? file] = machine
        }
        return machines
    }

    func report(_ events: AsyncStream<ExecutionEvent>, style: TerminalStyle, io: any TerminalIO) async {
        var reporter = ProgressReporter(style: style) { io.writeError($0) }
        for await event in events { reporter.handle(event) }
    }
}
