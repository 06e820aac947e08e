import Foundation
import Testing

@testable import StatesLanguage

/// A fixed start time so context-object and history timestamps are predictable.
let testEpoch = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z

/// Compiles `definition`, failing the test with every diagnostic when it is invalid.
func machine(_ definition: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> StateMachine {
    do {
        return try StateMachine(parsing: definition)
    } catch {
        Issue.record("definition rejected: \(error)", sourceLocation: sourceLocation)
        throw error
    }
}

/// Runs `definition` on a virtual clock.
func run(
    _ definition: String, input: JSONValue = [:], registry: TaskRegistry = TaskRegistry(),
    limits: ExecutionLimits = .aws, clock: VirtualClock = VirtualClock(start: testEpoch)
) async throws -> ExecutionResult {
    var executor = Executor(registry: registry, clock: clock, limits: limits)
    executor.region = "us-east-1"
    return await executor.run(try machine(definition), input: input, name: "test")
}

/// The diagnostics of an invalid definition.
func diagnostics(_ definition: String) -> [Diagnostic] {
    do {
        _ = try StateMachine(parsing: definition)
        return []
    } catch {
        return error.diagnostics
    }
}

/// The event type names of a history.
func eventNames(_ result: ExecutionResult) -> [String] { result.history.map(\.kind.name) }

/// Counts concurrent calls, remembering the peak.
final class ConcurrencyProbe: @unchecked Sendable {
    // @unchecked: guarded by `lock`.
    private let lock = NSLock()
    private var current = 0
    private(set) var peak = 0
    private(set) var total = 0

    func enter() {
        lock.lock()
        current += 1
        total += 1
        peak = max(peak, current)
        lock.unlock()
    }

    func leave() {
        lock.lock()
        current -= 1
        lock.unlock()
    }

    var peakValue: Int {
        lock.lock()
        defer { lock.unlock() }
        return peak
    }

    var totalValue: Int {
        lock.lock()
        defer { lock.unlock() }
        return total
    }
}

/// A thread-safe list for recording calls from handlers.
final class CallLog<Element: Sendable>: @unchecked Sendable {
    // @unchecked: guarded by `lock`.
    private let lock = NSLock()
    private var items: [Element] = []

    func append(_ item: Element) {
        lock.lock()
        items.append(item)
        lock.unlock()
    }

    var all: [Element] {
        lock.lock()
        defer { lock.unlock() }
        return items
    }
}
