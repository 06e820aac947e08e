import Foundation
import StatesLanguage

extension StoredExecution {
    /// The note shown for an execution marked RUNNING whose process is gone.
    var orphanNote: String? {
        guard isOrphaned else { return nil }
        return "its process is gone (killed or crashed); continue it with: sfnrun resume \(name) [task options]"
    }

    /// The status as text: `RUNNING`, `RUNNING (process gone)`, `FAILED`…
    var statusText: String { isOrphaned ? "RUNNING (process gone)" : status }
}

/// Reads stored executions for the commands that inspect them.
struct StoreReader: Sendable {
    let executor: Executor

    init(_ storage: StoreOptions, io: any TerminalIO) {
        var executor = Executor()
        executor.store = storage.store(io: io)
        self.executor = executor
    }

    /// The stored execution `name` with its definition as it ran.
    func executionAndMachine(_ name: String) throws(CommandFailure) -> (StoredExecution, StateMachine) {
        let execution = try execution(name)
        do {
            let machine = try StateMachine(
                parsing: execution.start.definition, name: execution.start.stateMachineName, type: execution.start.type)
            return (execution, machine)
        } catch {
            throw CommandFailure("error: the stored definition of '\(name)' does not compile: \(error)")
        }
    }

    /// The stored execution `name`, or a failure naming the closest stored names.
    func execution(_ name: String) throws(CommandFailure) -> StoredExecution {
        do {
            return try executor.storedExecution(name)
        } catch {
            throw error.failure
        }
    }
}
