import StatesLanguage
import Synchronization

/// A task handler that answers Task states by state name, as Step Functions Local does with a mock configuration.
///
/// Register it for every resource (`"*"`); it looks up the Task state's name
/// in its mocks. Invocations are counted per execution and state: every
/// attempt (retries, loops, Map iterations) takes the next number, and the
/// ``MockedResponse`` entry for that number decides the outcome. When no entry
/// covers the number, or the state is not mocked and no fallback is allowed,
/// the task fails with `States.Runtime`, which no `Retry` or `Catch` intercepts.
///
/// ```swift
/// let mocks = MockTaskHandler(testCase: try configuration.testCase("HappyPath", stateMachine: "PatchReport"))
/// var registry = TaskRegistry()
/// registry.register(mocks, for: "*")
/// ```
public final class MockTaskHandler: TaskHandler {
    /// How one Task state is mocked.
    public enum StateMock: Sendable {
        /// Answer from a mocked response, by invocation number.
        case response(MockedResponse)
        /// Call a handler of your own (to count, record or compute).
        case handler(any TaskHandler)
    }

    private struct Counter: Hashable {
        var executionARN: String
        var stateName: String
    }

    private struct Book {
        var counts: [Counter: Int] = [:]
        var invocations: [MockInvocation] = []
    }

    private let mocks: [String: StateMock]
    private let testCaseName: String?
    private let fallback: TaskRegistry?
    private let book = Mutex(Book())

    /// Creates a handler.
    ///
    /// - Parameters:
    ///   - mocks: the mocked states by name.
    ///   - testCaseName: the test case name, for error messages.
    ///   - fallback: handlers for Task states that are not mocked; `nil` fails such states with `States.Runtime`.
    public init(mocks: [String: StateMock], testCaseName: String? = nil, fallback: TaskRegistry? = nil) {
        self.mocks = mocks
        self.testCaseName = testCaseName
        self.fallback = fallback
    }

    /// Creates a handler for a test case of a mock configuration.
    ///
    /// - Parameters:
    ///   - testCase: the test case whose mocked states to answer.
    ///   - fallback: handlers for Task states the test case does not mock; `nil` fails such states.
    public convenience init(testCase: MockTestCase, fallback: TaskRegistry? = nil) {
        self.init(
            mocks: testCase.mockedStates.mapValues { StateMock.response($0) }, testCaseName: testCase.name,
            fallback: fallback)
    }

    /// Mocked `.waitForTaskToken` tasks complete with the mocked response, as in Step Functions Local.
    public var returnsCallbackResult: Bool { true }

    /// Every invocation so far, in the order they happened.
    public var invocations: [MockInvocation] { book.withLock { $0.invocations } }

    /// Answers one invocation of a Task state.
    ///
    /// - Throws: the mocked error, or `States.Runtime` when the state has no answer for this invocation.
    public func invoke(_ request: TaskRequest) async throws -> JSONValue {
        let number = count(request)
        return try await answer(request, invocation: number)
    }

    /// Counts an invocation that a resumed execution serves from its journal, so the next call gets the
    /// response of the invocation after it, as in the first process.
    public func replayed(_ request: TaskRequest) {
        _ = count(request)
    }

    /// Records an invocation and returns its number.
    private func count(_ request: TaskRequest) -> Int {
        let executionARN = request.context["Execution"]?["Id"]?.stringValue ?? ""
        return book.withLock { book in
            let key = Counter(executionARN: executionARN, stateName: request.stateName)
            let number = book.counts[key, default: 0]
            book.counts[key] = number + 1
            book.invocations.append(
                MockInvocation(
                    executionARN: executionARN, stateName: request.stateName, number: number, input: request.input))
            return number
        }
    }

    private func answer(_ request: TaskRequest, invocation number: Int) async throws -> JSONValue {
        let inCase = testCaseName.map { " of test case '\($0)'" } ?? ""
        switch mocks[request.stateName] {
        case .response(let response)?:
            switch response.outcome(forInvocation: number) {
            case .returning(let value)?: return value
            case .throwing(let error)?: throw error
            case nil:
                throw StatesError.runtime(
                    "The mocked response '\(response.name)' for state '\(request.stateName)'\(inCase) has no entry for invocation \(number) (invocations count from 0 and include retries, loops and Map iterations).")
            }
        case .handler(let handler)?:
            return try await handler.invoke(request)
        case nil:
            guard let fallback else {
                throw StatesError.runtime(
                    "The Task state '\(request.stateName)' is not mocked\(inCase); mock it, or allow unmocked states to use real task handlers.")
            }
            guard let handler = fallback.handler(for: request.resource) else {
                throw StatesError.runtime(
                    "The Task state '\(request.stateName)' is not mocked\(inCase) and no task handler is registered for the resource '\(request.resource)'.")
            }
            return try await handler.invoke(request)
        }
    }
}

/// One invocation seen by a ``MockTaskHandler``.
public struct MockInvocation: Sendable, Hashable {
    /// The execution it belonged to.
    public var executionARN: String
    /// The Task state's name.
    public var stateName: String
    /// Its 0-based number among the invocations of that state in that execution.
    public var number: Int
    /// The effective input (after `InputPath` and `Parameters`).
    public var input: JSONValue
}
