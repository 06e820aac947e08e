import Foundation
import StatesLanguage
import StatesLanguageFolders
import StatesLanguageProcess
import StatesLanguageTesting

/// How an execution's Task states are served and its Wait states timed: the options `start` shares
/// with commands that continue executions (`resume`, `redrive`), since none of this is part of the
/// execution itself.
///
/// Which handler serves a Task state: a state the mock test case mocks gets its mocked response;
/// otherwise a `--task-command` for its name, then one whose ARN pattern matches its resource; then
/// `--state-machine-dir` for `states:startExecution` of a local definition; then the AWS integrations
/// (without a mock file, or with `--allow-unmocked`).
struct TaskOptions: Sendable {
    /// The options, in the order help lists them.
    static let options: [OptionSpec] = [
        .value("mock-config", "<file>", help: "Answer Task states from a Step Functions Local mock file."),
        .value("test-case", "<name>", help: "The mock file's test case to use (needs --mock-config)."),
        .flag("allow-unmocked", help: "Let Task states the test case does not mock call real handlers."),
        FieldValidation.option,
        commandOption,
        .repeatable(
            "wait-seconds", "<state>=<seconds>", help: "Make the Wait state <state> wait this long instead; repeatable."
        ),
        .repeatable(
            "bucket-dir", "<bucket>=<dir>",
            help: "Serve the S3 bucket <bucket> of Distributed Map readers and writers from a local folder; repeatable."),
    ] + AWSSettings.options + [
        .value(
            "state-machine-dir", "<dir>", help: "Run states:startExecution children defined in this folder locally."),
    ]

    /// `--task-command`, also accepted by `sfnrun test`.
    static let commandOption = OptionSpec.repeatable(
        "task-command", "<target>=<command>",
        help: "Serve the Task state <target> (or Resources matching it) with a shell command; repeatable.")

    var mockConfigPath: String?
    var testCaseName: String?
    var allowsUnmocked: Bool
    /// `--field-validation`: how mocked results are checked against the AWS APIs' response shapes.
    var fieldValidation: FieldValidation
    var aws: AWSSettings
    var childDirectory: String?
    /// `--task-command` values, in order.
    var commands: [TaskCommand]
    /// `--wait-seconds` values, by state name.
    var waitOverrides: [String: Double]
    /// `--bucket-dir` values: bucket name → folder.
    var bucketFolders: [String: URL]

    /// Reads the options from a command line parsed with ``options`` in its table.
    ///
    /// - Throws: ``UsageError`` for values that cannot be used or options that need another.
    /// - Parameter choosesTestCasePerExecution: `serve` names the test case in each StartExecution
    ///   (`arn#TestCase`), so `--mock-config` needs no `--test-case` there.
    init(_ parsed: ParsedArguments, choosesTestCasePerExecution: Bool = false) throws(UsageError) {
        mockConfigPath = parsed.value("mock-config")
        testCaseName = parsed.value("test-case")
        if mockConfigPath != nil, testCaseName == nil, !choosesTestCasePerExecution {
            throw UsageError("--mock-config needs --test-case <name>")
        }
        if testCaseName != nil, mockConfigPath == nil { throw UsageError("--test-case needs --mock-config <file>") }
        allowsUnmocked = parsed.flag("allow-unmocked")
        if allowsUnmocked, mockConfigPath == nil { throw UsageError("--allow-unmocked needs --mock-config <file>") }
        fieldValidation = FieldValidation(parsed)
        if parsed.value("field-validation") != nil, mockConfigPath == nil {
            throw UsageError("--field-validation needs --mock-config <file>")
        }
        aws = try AWSSettings(parsed)
        childDirectory = parsed.value("state-machine-dir")
        commands = []
        for text in parsed.values("task-command") { commands.append(try TaskCommandArgument.parse(text)) }
        waitOverrides = [:]
        for text in parsed.values("wait-seconds") {
            let (state, seconds) = try WaitSecondsArgument.parse(text)
            waitOverrides[state] = seconds
        }
        bucketFolders = [:]
        for text in parsed.values("bucket-dir") {
            guard let equals = text.firstIndex(of: "="), equals != text.startIndex, text.index(after: equals) != text.endIndex
            else {
                throw UsageError("invalid value '\(text)' for '--bucket-dir' (expected BUCKET=DIR, such as inventory=./data)")
            }
            let bucket = String(text[..<equals])
            let path = String(text[text.index(after: equals)...])
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else {
                throw UsageError("--bucket-dir '\(text)': \(path) is not a folder")
            }
            guard bucketFolders[bucket] == nil else { throw UsageError("--bucket-dir: the bucket '\(bucket)' is given twice") }
            bucketFolders[bucket] = URL(fileURLWithPath: path, isDirectory: true)
        }
    }

    /// The handlers an execution of `machine` runs with, and the test case's input if a mock file gave one.
    struct Prepared {
        var registry: TaskRegistry
        var testCaseInput: JSONValue?
    }

    /// Builds the task handlers for `machine`: mocks, commands, local child machines, AWS.
    ///
    /// - Parameters:
    ///   - supervisor: tracks the command processes; shut it down when the execution ends.
    ///   - forwardsCommandErrors: whether commands' standard error lines are shown on standard error.
    /// - Throws: ``CommandFailure`` (exit 2) for unreadable files and for commands or waits naming no state.
    ///   - checksTargets: whether every `--task-command` and `--wait-seconds` must name something in
    ///     `machine` (`serve` runs many machines, so it does not check).
    func prepare(
        for machine: StateMachine, io: any TerminalIO, supervisor: CommandSupervisor, forwardsCommandErrors: Bool,
        substitutions: DefinitionSubstitutions? = nil, checksTargets: Bool = true
    ) throws(CommandFailure) -> Prepared {
        if checksTargets {
            try TaskCommandArgument.check(commands, against: machine)
            try WaitSecondsArgument.check(waitOverrides, against: machine)
        }
        let usesMocks = mockConfigPath != nil && testCaseName != nil
        var live = !usesMocks || allowsUnmocked ? SFNRun.liveHandlers(aws.reading(io)) : TaskRegistry()
        if !commands.isEmpty {
            live = live.routingCommands(commands, options: Self.commandOptions(io, supervisor, forwardsCommandErrors))
        }
        var prepared = Prepared(registry: live, testCaseInput: nil)
        if let mockConfigPath, let testCaseName {
            let configuration = try SourceText.read(mockConfigPath, io: io).mockConfiguration()
            let testCase: MockTestCase
            do {
                testCase = try configuration.testCase(testCaseName, stateMachine: machine.name ?? "")
                try testCase.check(against: machine)
            } catch {
                throw CommandFailure(error.formatted(file: mockConfigPath))
            }
            try fieldValidation.check([testCase], of: configuration, in: machine, file: mockConfigPath, io: io)
            for command in commands where testCase.mockedStates[command.target] != nil {
                io.error(
                    "warning: --task-command '\(command.target)': test case '\(testCaseName)' mocks the state, so its mocked responses are used instead"
                )
            }
            prepared.testCaseInput = testCase.input
            let fallback = allowsUnmocked || !commands.isEmpty ? live : nil
            prepared.registry = TaskRegistry()
            prepared.registry.register(MockTaskHandler(testCase: testCase, fallback: fallback), for: "*")
        }
        if let childDirectory {
            prepared.registry.registerLocalStateMachines(
                try Self.loadMachines(in: childDirectory, substitutions: substitutions, io: io))
        }
        return prepared
    }

    /// How commands run: with sfnrun's environment, registered with `supervisor`, their standard error
    /// shown as `[State] line` when `forwardsErrors`.
    static func commandOptions(_ io: any TerminalIO, _ supervisor: CommandSupervisor, _ forwardsErrors: Bool)
        -> CommandTaskOptions
    {
        var options = CommandTaskOptions(environment: io.environment, supervisor: supervisor)
        if forwardsErrors {
            let style = io.errorStyle
            options.onStandardErrorLine = { state, line in io.error("  \(style.dim("[\(state)]")) \(line)") }
        }
        return options
    }

    /// Sets what the executor takes from these options: the region and the wait overrides.
    func configure(_ executor: inout Executor, io: any TerminalIO) {
        if let region = aws.region ?? io.environment["AWS_REGION"] { executor.region = region }
        executor.waitOverrides = waitOverrides
        if !bucketFolders.isEmpty {
            // Other buckets are S3's, through the task handlers (AWS, or an endpoint such as moto).
            executor.objectStorage = FolderObjectStorage(
                buckets: bucketFolders, fallback: TaskObjectStorage(registry: executor.registry, stateName: "", clock: executor.clock))
        }
    }

    /// Every definition in `directory`, named after its file and filled with `substitutions`: `.json` and
    /// `.asl.json` files, and YAML ones named `.asl.yaml` or `.asl.yml` (a folder's other YAML files are
    /// templates or settings, such as SAM's substitutions); mock files (`.mock.json`) are left out.
    static func loadMachines(
        in directory: String, substitutions: DefinitionSubstitutions? = nil, io: any TerminalIO
    ) throws(CommandFailure) -> [String: StateMachine] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        } catch {
            throw CommandFailure("error: cannot read the folder \(directory): \(error.localizedDescription)")
        }
        var machines: [String: StateMachine] = [:]
        for file in names where (file.hasSuffix(".json") || file.hasSuffix(".asl.yaml") || file.hasSuffix(".asl.yml"))
            && !file.hasSuffix(".mock.json")
        {
            let machine = try SourceText.read((directory as NSString).appendingPathComponent(file), io: io)
                .stateMachine(substitutions: substitutions)
            machines[machine.name ?? file] = machine
        }
        return machines
    }
}
