import Foundation
import StatesLanguage

extension StepFunctionsService {
    /// What ``restore()`` found.
    public struct Restored: Sendable, Hashable {
        /// State machines read from the archive.
        public var stateMachines: Int
        /// Executions read from the stores, running ones included.
        public var executions: Int
        /// Executions that were running when the last server stopped, now running again.
        public var resumed: Int
        /// Executions that could not be read or resumed, with why.
        public var problems: [String]
    }

    /// Reads what a previous server kept: the archive's state machines, versions, aliases and tags,
    /// then each Standard machine's stored executions; those that were running are resumed.
    ///
    /// - Throws: when the archive cannot be read.
    @discardableResult
    public func restore() async throws -> Restored {
        var restored = Restored(stateMachines: 0, executions: 0, resumed: 0, problems: [])
        if let document = try archive?.load() {
            for entry in document["stateMachines"]?.arrayValue ?? [] {
                guard let served = ServedStateMachine(archived: entry), machines[served.arn] == nil else { continue }
                machines[served.arn] = served
                machineOrder.append(served.arn)
            }
            for (arn, list) in document["tags"]?.objectValue ?? [:] {
                if let list = list.objectValue { tags[arn] = list }
            }
        }
        restored.stateMachines = machineOrder.count
        guard let storeFor = environment.store else { return restored }
        for arn in machineOrder {
            guard let served = machines[arn], served.type == .standard, let store = storeFor(served.name) else { continue }
            var reader = Executor()
            reader.store = store
            let stored: [StoredExecution]
            do {
                // A damaged execution is reported and skipped; the machine's other executions are restored.
                let readable = try reader.readableStoredExecutions()
                stored = readable.executions
                for (name, error) in readable.unreadable { restored.problems.append("\(name): \(error.message)") }
            } catch {
                restored.problems.append("\(served.name): \(error.message)")
                continue
            }
            // Oldest first, so the book lists them newest first as they were.
            for execution in stored.reversed() where executions[execution.start.executionARN] == nil {
                let revision = self.revision(of: served, running: execution.start.definition)
                var entry = ServedExecution(
                    arn: execution.start.executionARN, name: execution.name, stateMachineARN: served.arn,
                    versionARN: nil, aliasARN: nil, input: execution.start.input, startDate: execution.start.startDate,
                    revision: revision, handle: nil, result: execution.closing == nil ? nil : execution.result,
                    isExpress: false)
                entry.redriveCount = execution.redriveCount
                entry.redriveDate = execution.redriveDate
                if execution.isOrphaned {
                    do throws(APIError) {
                        let prepared = try await prepare(revision, served: served, testCase: nil)
                        do {
                            entry.handle = try await prepared.executor.resume(execution.name)
                        } catch {
                            await prepared.finish()
                            throw APIError(error.errorName, error.message)
                        }
                        if let handle = entry.handle { watch(handle, finish: prepared.finish) }
                        restored.resumed += 1
                    } catch {
                        restored.problems.append("\(execution.name): cannot be resumed: \(error.message)")
                        entry.result = execution.result
                    }
                }
                executions.add(entry)
                restored.executions += 1
            }
        }
        return restored
    }

    /// The revision of `served` whose definition an execution ran: the latest, a version, or one
    /// compiled from the stored text when it was replaced since.
    func revision(of served: ServedStateMachine, running definition: String) -> ServedStateMachine.Revision {
        let text = try? JSONValue(parsing: definition)
        let candidates = [served.latest] + served.versions.map(\.revision)
        if let match = candidates.first(where: { $0.machine.definition == text }) { return match }
        var revision = served.latest
        if let machine = try? StateMachine(parsing: definition, name: served.name, type: served.type) {
            revision.machine = machine
            revision.definition = definition
        }
        return revision
    }
}
