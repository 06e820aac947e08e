import Foundation
import StatesLanguage
import StatesLanguageAWS
import StatesLanguageProcess

/// `sfnrun test-state`: TestState offline, one state run once with a mock and inspection data.
struct TestStateCommand: Command {
    static let help = CommandHelp(
        name: "test-state",
        summary: "Test one state, as AWS's TestState API does, offline.",
        usage: ["test-state <definition> [--state <name>] [--input <json>] [--mock <json>] [--inspection-level <level>] [options]"],
        operands: [
            ("<definition>", "A state (the object inside States) or a whole state machine, JSON or YAML; - reads standard input.")
        ],
        options: [
            .value("state", "<name>", help: "The state to test in a whole state machine (default: its StartAt)."),
            .value("input", "<json>", help: "The state's input as JSON text (default {})."),
            .value("input-file", "<file>", help: "Read the state's input from a file."),
            .value(
                "mock", "<json>",
                help: "The task's mocked outcome, as TestState's mock: {\"result\": …} or {\"errorOutput\": {\"error\", \"cause\"}}."),
            .value(
                "field-validation-mode", "<mode>", allowed: ["STRICT", "PRESENT", "NONE"],
                help: "How a mocked result is checked against the AWS API's response (default STRICT)."),
            .value(
                "inspection-level", "<level>", allowed: ["INFO", "DEBUG", "TRACE"],
                help: "INFO: the output; DEBUG and TRACE: also the data after each processing step (default INFO)."),
            .value("variables", "<json>", help: "Workflow variables the state sees, as a JSON object."),
            .value("context", "<json>", help: "Context object fields ($$) to set, as a JSON object."),
            .value("retry-count", "<n>", help: "How many retries the state has had (decides RETRIABLE; sets $$.State.RetryCount)."),
            TaskOptions.commandOption,
        ] + AWSSettings.options,
        discussion: """
            Prints TestState's response as JSON: status (SUCCEEDED, FAILED, RETRIABLE or CAUGHT_ERROR), output,
            error and cause, nextState and, at DEBUG or TRACE, inspectionData (input, afterInputPath,
            afterParameters, result, afterResultSelector, afterResultPath; afterArguments for JSONata; variables;
            errorDetails). Retry rules are reported, not followed; Catch rules are followed. Without --mock the
            task runs with --task-command or the AWS integrations. Exit status 0 for SUCCEEDED and CAUGHT_ERROR,
            1 for FAILED and RETRIABLE.
            """,
        examples: [
            "sfnrun test-state machine.json --state ChargeCard --input '{\"amount\": 5}' \\",
            "    --mock '{\"result\": {\"Payload\": {\"ok\": true}}}' --inspection-level DEBUG",
            "sfnrun test-state state.json --mock '{\"errorOutput\": {\"error\": \"Lambda.TooManyRequestsException\"}}'",
        ])

    var definitionPath: String
    var stateName: String?
    var inputSource: InputSource
    var mockText: String?
    var fieldValidationMode: String?
    var inspectionLevel: StateTest.InspectionLevel
    var variablesText: String?
    var contextText: String?
    var retryCount: Int
    var commands: [TaskCommand]
    var aws: AWSSettings

    init(arguments: [String]) throws(UsageError) {
        let parsed = try ArgumentParser.parse(arguments, for: Self.help)
        guard let definition = parsed.operands.first else { throw UsageError("missing the definition file") }
        if let stray = parsed.operands.dropFirst().first { throw UsageError("unexpected argument '\(stray)'") }
        definitionPath = definition
        stateName = parsed.value("state")
        inputSource = try InputSource(parsed, stdinOperand: false)
        if definition == "-", inputSource.usesStandardInput {
            throw UsageError("only one of the definition and the input can come from standard input")
        }
        mockText = parsed.value("mock")
        fieldValidationMode = parsed.value("field-validation-mode")
        if fieldValidationMode != nil, mockText == nil { throw UsageError("--field-validation-mode needs --mock") }
        inspectionLevel = parsed.value("inspection-level").flatMap(StateTest.InspectionLevel.init(rawValue:)) ?? .info
        variablesText = parsed.value("variables")
        contextText = parsed.value("context")
        let retry = parsed.value("retry-count") ?? "0"
        guard let count = Int(retry), count >= 0 else {
            throw UsageError("invalid value '\(retry)' for '--retry-count' (expected a whole number, 0 or more)")
        }
        retryCount = count
        commands = []
        for text in parsed.values("task-command") { commands.append(try TaskCommandArgument.parse(text)) }
        aws = try AWSSettings(parsed)
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
        let definition: JSONValue
        do {
            definition = try DocumentFormat(fileName: source.fileName, text: source.text).parseWithSourceMap(source.text).0
        } catch {
            throw CommandFailure("\(source.displayName): error: \(error.message)")
        }
        let input = try inputSource.value(io: io) ?? .object(JSONObject())
        let variables = try object(variablesText, option: "--variables")
        let context = try object(contextText, option: "--context")
        let mock = try readMock()
        let test: StateTest
        do {
            test = try StateTest(
                definition: definition, stateName: stateName, input: input, variables: variables ?? JSONObject(),
                context: context, mock: mock, retrierRetryCount: retryCount, inspectionLevel: inspectionLevel,
                mockValidator: AWSIntegrations.mockProblems)
        } catch {
            throw CommandFailure("\(source.displayName): error: \(error)")
        }
        let supervisor = CommandSupervisor()
        var registry = mock == nil ? SFNRun.liveHandlers(aws.reading(io)) : TaskRegistry()
        if !commands.isEmpty {
            registry = registry.routingCommands(commands, options: TaskOptions.commandOptions(io, supervisor, true))
        }
        var executor = Executor(registry: registry)
        if let region = aws.region ?? io.environment["AWS_REGION"] { executor.region = region }
        let result: StateTestResult
        do {
            result = try await test.run(with: executor)
        } catch {
            await supervisor.shutDown()
            throw CommandFailure("\(source.displayName): error: \(error)")
        }
        await supervisor.shutDown()
        io.output(result.jsonValue.jsonString(options: .pretty))
        return result.status == .succeeded || result.status == .caughtError ? .success : .failure
    }

    private func object(_ text: String?, option: String) throws(CommandFailure) -> JSONObject? {
        guard let text else { return nil }
        guard case .object(let object) = try SourceText(displayName: option, text: text).json() else {
            throw CommandFailure("error: \(option) must be a JSON object")
        }
        return object
    }

    /// Reads `--mock`: TestState's MockInput, whose `result` may be JSON text (as in the API) or a JSON value.
    private func readMock() throws(CommandFailure) -> StateTest.Mock? {
        guard let mockText else { return nil }
        let mock = try SourceText(displayName: "--mock", text: mockText).json()
        let mode = fieldValidationMode.flatMap(StateTest.Mock.FieldValidationMode.init(rawValue:))
            ?? mock["fieldValidationMode"]?.stringValue.flatMap(StateTest.Mock.FieldValidationMode.init(rawValue:)) ?? .strict
        if let result = mock["result"] {
            var value = result
            if case .string(let text) = result, let parsed = try? JSONValue(parsing: text) { value = parsed }
            return StateTest.Mock(.result(value), fieldValidationMode: mode)
        }
        if let failure = mock["errorOutput"], case .object = failure {
            let error = StatesError(ErrorName(rawValue: failure["error"]?.stringValue ?? ""), cause: failure["cause"]?.stringValue)
            return StateTest.Mock(.error(error), fieldValidationMode: mode)
        }
        throw CommandFailure("error: --mock needs a \"result\" or an \"errorOutput\" object")
    }
}
