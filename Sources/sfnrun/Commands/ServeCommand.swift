import Foundation
import StatesLanguage
import StatesLanguageAWS
import StatesLanguageProcess
import StatesLanguageServer
import StatesLanguageStore

/// `sfnrun serve`: the AWS Step Functions API on a local port, for the AWS CLI and every SDK.
struct ServeCommand: Command {
    static let help = CommandHelp(
        name: "serve",
        summary: "Serve the AWS Step Functions API on localhost (for the AWS CLI, SDKs and CI).",
        usage: ["serve [--port <port>] [--host <address>] [--store <dir>] [--mock-config <file>] [options]"],
        operands: [],
        options: [
            .value("port", "<port>", help: "The port to listen on (default 8083; 0 picks a free one)."),
            .value("host", "<address>", help: "The address to listen on (default 127.0.0.1, loopback only)."),
            .value(
                "store", "<dir>",
                help: "Keep state machines and Standard executions in this folder: a restarted server lists them and resumes running ones."),
        ] + TaskOptions.options.filter { $0.name != "test-case" } + [
            .flag("virtual-time", help: "Run each execution's waits, retries and timeouts on a simulated clock, instantly."),
            .value("account-id", "<id>", help: "The account id in ARNs (default 123456789012)."),
        ],
        discussion: """
            Speaks Step Functions' JSON 1.0 protocol (X-Amz-Target: AWSStepFunctions.<Action>): point the AWS CLI
            or an SDK at it with --endpoint-url http://127.0.0.1:8083 and any credentials; signatures are
            accepted without being checked. Prints its address on standard output when it listens, and stops
            on SIGINT or SIGTERM. Without --store everything is kept in memory and running executions are
            aborted when it stops. With --store DIR, state machines, versions, aliases and tags are kept in
            DIR/state-machines.json and each machine's Standard executions in DIR/state-machines/NAME (the
            execution store of 'sfnrun list --store DIR/state-machines/NAME'); running executions are left
            running when the server stops, and the next server started on DIR resumes them.
            RedriveExecution needs --store.
            Task states are served as 'sfnrun start' serves them: --task-command, the AWS integrations
            (--endpoint-url, --profile, --region), and the mock file of --mock-config (or SFN_MOCK_CONFIG),
            whose test case a StartExecution picks with 'stateMachineArn#TestCaseName', as Step Functions
            Local does. See Docs/server.md.
            """,
        examples: [
            "sfnrun serve --port 8083",
            "aws stepfunctions list-state-machines --endpoint-url http://127.0.0.1:8083",
            "sfnrun serve --mock-config MockConfigFile.json --virtual-time",
        ])

    var host: String
    var port: Int
    var tasks: TaskOptions
    var usesVirtualTime: Bool
    var accountID: String?
    var storeDirectory: String?

    init(arguments: [String]) throws(UsageError) {
        let parsed = try ArgumentParser.parse(arguments, for: Self.help)
        if let stray = parsed.operands.first { throw UsageError("unexpected argument '\(stray)'") }
        host = parsed.value("host") ?? "127.0.0.1"
        let portText = parsed.value("port") ?? "8083"
        guard let port = Int(portText), (0...65535).contains(port) else {
            throw UsageError("invalid value '\(portText)' for '--port' (expected 0 to 65535)")
        }
        self.port = port
        tasks = try TaskOptions(parsed, choosesTestCasePerExecution: true)
        usesVirtualTime = parsed.flag("virtual-time")
        accountID = parsed.value("account-id")
        storeDirectory = parsed.value("store")
        if storeDirectory?.isEmpty == true { throw UsageError("--store needs a folder") }
        if let accountID, accountID.count != 12 || !accountID.allSatisfy(\.isNumber) {
            throw UsageError("invalid value '\(accountID)' for '--account-id' (expected 12 digits)")
        }
    }

    func run(io: any TerminalIO) async -> ExitCode {
        var tasks = tasks
        if tasks.mockConfigPath == nil, let path = io.environment["SFN_MOCK_CONFIG"], !path.isEmpty {
            tasks.mockConfigPath = path
        }
        let server: HTTPServer
        do {
            server = try HTTPServer(
                configuration: .init(host: host, port: port, errorResponse: StepFunctionsEndpoint.errorResponse))
        } catch {
            io.error("error: \(error)")
            return .usage
        }
        let region = tasks.aws.region ?? io.environment["AWS_DEFAULT_REGION"] ?? io.environment["AWS_REGION"] ?? "us-east-1"
        let service = StepFunctionsService(
            environment: makeEnvironment(tasks, io: io), region: region,
            accountID: accountID ?? io.environment["AWS_ACCOUNT_ID"] ?? "123456789012",
            archive: storeDirectory.map(ArchiveFile.init(directory:)))
        do {
            let restored = try await service.restore()
            if storeDirectory != nil {
                io.error(
                    "sfnrun serve: \(restored.stateMachines) state machines and \(restored.executions) executions from \(storeDirectory ?? ""), \(restored.resumed) resumed"
                )
            }
            for problem in restored.problems { io.error("warning: \(problem)") }
        } catch {
            server.stop()
            io.error("error: cannot read the state machines in \(storeDirectory ?? ""): \(error)")
            return .usage
        }
        let endpoint = StepFunctionsEndpoint(service: service)
        let watch = io.watchStopSignals { _ in server.stop() }
        defer { watch.cancel() }
        let shownHost = host.contains(":") ? "[\(host)]" : host
        io.output("sfnrun serve: listening on http://\(shownHost):\(server.port)")
        await server.serve(endpoint.handle)
        // With a store, running executions stay RUNNING in their journals; the next server resumes them.
        if storeDirectory == nil { await service.stopAll() }
        io.error("sfnrun serve: stopped")
        return .success
    }

    /// Builds each execution's task handlers from the options, as `start` does.
    private func makeEnvironment(_ tasks: TaskOptions, io: any TerminalIO) -> ExecutionEnvironment {
        let usesVirtualTime = usesVirtualTime
        let storeDirectory = storeDirectory
        var environment = ExecutionEnvironment(mockValidator: AWSIntegrations.mockProblems) { machine, testCase throws(APIError) in
            var options = tasks
            options.testCaseName = testCase
            if testCase != nil, options.mockConfigPath == nil {
                throw APIError(
                    "ValidationException",
                    "Test case '\(testCase ?? "")' requested, but the server was started without --mock-config")
            }
            let supervisor = CommandSupervisor()
            let prepared: TaskOptions.Prepared
            do throws(CommandFailure) {
                prepared = try options.prepare(
                    for: machine, io: io, supervisor: supervisor, forwardsCommandErrors: true, checksTargets: false)
            } catch {
                throw APIError("ValidationException", error.lines.joined(separator: "\n"))
            }
            let clock: any ExecutionClock = usesVirtualTime ? VirtualClock(start: Date()) : SystemClock()
            var executor = Executor(registry: prepared.registry, clock: clock)
            options.configure(&executor, io: io)
            return ExecutionEnvironment.Prepared(
                executor: executor, testCaseInput: prepared.testCaseInput, finish: { await supervisor.shutDown() })
        }
        if let storeDirectory {
            let root = URL(fileURLWithPath: storeDirectory, isDirectory: true).appendingPathComponent("state-machines")
            environment.store = { name in FileExecutionStore(directory: root.appendingPathComponent(name).path) }
        }
        return environment
    }
}
