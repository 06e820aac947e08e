import Foundation
import StatesLanguage
import StatesLanguageAWS
import Synchronization

extension StartCommand {
    /// `start --remote`: runs the execution on AWS Step Functions and reports it like a local run.
    func runRemote(_ target: String, io: any TerminalIO) async throws(CommandFailure) -> ExitCode {
        if let executionName, let problem = StateMachineDeployment.nameProblem(executionName) {
            throw CommandFailure("error: --name: \(problem)")
        }
        let input = try inputSource.value(io: io) ?? .object(JSONObject())
        // Named here, as a local run is, rather than left to the service: the name is then known
        // before the call returns, and emulators that do not pick one still get one.
        let name = executionName ?? UUID().uuidString.lowercased()
        let client = try aws.reading(io).stepFunctions()
        let (startARN, machine) = try await Self.resolve(target, with: client)
        switch machine.type {
        case .express:
            return try await runExpress(startARN, name: name, machine: machine, input: input, client: client, io: io)
        case .standard:
            return try await runStandard(startARN, name: name, machine: machine, input: input, client: client, io: io)
        }
    }

    /// The deployed state machine a name or ARN stands for; an unknown name gets a suggestion.
    static func resolve(
        _ target: String, with client: StepFunctionsClient
    ) async throws(CommandFailure) -> (startARN: String, stateMachine: RemoteStateMachine) {
        do throws(StepFunctionsError) {
            return try await client.resolveStateMachine(target)
        } catch where error.code == "StateMachineDoesNotExist" && !target.hasPrefix("arn:") {
            var message = "error: no state machine named '\(target)' in \(client.region)"
            if let machines = try? await client.stateMachines(),
                let guess = Suggestion.closest(to: target, among: machines.map(\.name))
            {
                message += " (did you mean '\(guess)'?)"
            }
            throw CommandFailure([message, "Deploy it first: sfnrun deploy <definition> --name \(target) --role-arn <arn>"])
        } catch {
            throw CommandFailure(error, while: "cannot find the state machine '\(target)'")
        }
    }

    /// A STANDARD execution: StartExecution, then GetExecutionHistory polls until it ends.
    private func runStandard(
        _ startARN: String, name: String, machine: RemoteStateMachine, input: JSONValue, client: StepFunctionsClient,
        io: any TerminalIO
    ) async throws(CommandFailure) -> ExitCode {
        let executionARN: String
        do {
            executionARN = try await client.startExecution(stateMachineARN: startARN, name: name, input: input)
                .executionARN
        } catch {
            throw CommandFailure(error, while: "StartExecution of \(startARN) failed")
        }
        if !isQuiet { io.error("started \(executionARN)") }

        let style = io.errorStyle
        let (events, continuation) = AsyncStream<ExecutionEvent>.makeStream()
        async let progress: Void = !isQuiet && io.isErrorTerminal ? report(events, style: style, io: io) : ()
        let clock = pollingClock
        let polling = polling
        let following = Task {
            try await client.follow(executionARN: executionARN, clock: clock, polling: polling) { batch in
                for event in batch.compactMap(ExecutionEvent.init(historyEvent:)) { continuation.yield(event) }
            }
        }
        let interrupted = Mutex(false)
        let watch = io.watchInterrupts {
            interrupted.withLock { $0 = true }
            following.cancel()
        }
        let outcome = await following.result
        watch.cancel()
        continuation.finish()
        await progress

        switch outcome {
        case .success(let (execution, history)):
            let result = execution.result(history: history.compactMap(ExecutionEvent.init(historyEvent:)))
            show(ExecutionReport(result: result, machineName: machine.name, events: history), io: io)
            if interrupted.withLock({ $0 }) { return .interrupted }
            return result.succeeded ? .success : .failure
        case .failure(let error as StepFunctionsError) where error.isCancellation:
            return await stop(executionARN, machine: machine, client: client, io: io)
        case .failure(let error):
            throw CommandFailure(
                [
                    "error: lost track of \(executionARN): \(error)",
                    "It may still be running: aws stepfunctions describe-execution --execution-arn \(executionARN)",
                ])
        }
    }

    /// After Ctrl-C: StopExecution, then the aborted execution as a local run prints it.
    private func stop(
        _ executionARN: String, machine: RemoteStateMachine, client: StepFunctionsClient, io: any TerminalIO
    ) async -> ExitCode {
        do {
            try await client.stopExecution(arn: executionARN, cause: "Interrupted by SIGINT (Ctrl-C) in sfnrun.")
            let execution = try await client.describeExecution(arn: executionARN)
            let history = try await client.historyEvents(of: executionARN)
            let result = execution.result(history: history.compactMap(ExecutionEvent.init(historyEvent:)))
            show(ExecutionReport(result: result, machineName: machine.name, events: history), io: io)
        } catch {
            io.error("error: could not stop \(executionARN): \(error)")
            io.error("It may still be running: aws stepfunctions stop-execution --execution-arn \(executionARN)")
        }
        return .interrupted
    }

    /// An EXPRESS execution: StartSyncExecution returns the result; there is no history to follow.
    private func runExpress(
        _ startARN: String, name: String, machine: RemoteStateMachine, input: JSONValue, client: StepFunctionsClient,
        io: any TerminalIO
    ) async throws(CommandFailure) -> ExitCode {
        let running = Task { try await client.startSyncExecution(stateMachineARN: startARN, name: name, input: input) }
        let watch = io.watchInterrupts { running.cancel() }
        let outcome = await running.result
        watch.cancel()
        let execution: RemoteExecution
        switch outcome {
        case .success(let finished):
            execution = finished
        case .failure(let error as StepFunctionsError) where error.isCancellation:
            io.error("interrupted: an EXPRESS execution cannot be stopped; it runs on to its end on AWS")
            return .interrupted
        case .failure(let error):
            throw CommandFailure(StepFunctionsError.from(error), while: "StartSyncExecution of \(startARN) failed")
        }
        if showsHistory, !isQuiet {
            io.error("note: EXPRESS executions have no GetExecutionHistory; the history is empty")
        }
        let result = execution.result(history: [])
        show(ExecutionReport(result: result, machineName: machine.name, events: []), io: io)
        return result.succeeded ? .success : .failure
    }
}
