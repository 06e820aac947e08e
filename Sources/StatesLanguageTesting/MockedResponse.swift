import StatesLanguage

/// A named sequence of mocked outcomes, one per invocation of a Task state.
///
/// The form of `MockedResponses.<name>` in a Step Functions Local mock
/// configuration: keys are 0-based invocation numbers (`"0"`) or inclusive
/// ranges (`"1-2"`). Every invocation of the state counts (retries, loops and
/// Map iterations), so a response for a state retried twice needs entries for
/// invocations 0, 1 and 2.
///
/// ```swift
/// let flaky = MockedResponse(name: "Booting", entries: [
///     .init(invocations: 0...1, outcome: .throwing(StatesError("InstanceNotYetStartedException"))),
///     .init(invocations: 2...2, outcome: .returning(["Status": "ok"])),
/// ])
/// ```
public struct MockedResponse: Sendable, Hashable {
    /// One entry: the invocations it covers and what they do.
    public struct Entry: Sendable, Hashable {
        /// The 0-based invocation numbers this entry answers (`"1-2"` is `1...2`).
        public var invocations: ClosedRange<Int>
        /// What those invocations do.
        public var outcome: MockOutcome

        /// Creates an entry.
        public init(invocations: ClosedRange<Int>, outcome: MockOutcome) {
            self.invocations = invocations
            self.outcome = outcome
        }
    }

    /// The response's name (its key under `MockedResponses`).
    public var name: String
    /// The entries, in the order they were written.
    public var entries: [Entry]

    /// Creates a response from entries.
    public init(name: String, entries: [Entry]) {
        self.name = name
        self.entries = entries
    }

    /// A response that answers every invocation the same way.
    ///
    /// - Parameters:
    ///   - outcome: what every invocation does.
    ///   - name: a name to show in messages.
    public static func always(_ outcome: MockOutcome, name: String = "(inline)") -> MockedResponse {
        MockedResponse(name: name, entries: [Entry(invocations: 0...Int.max, outcome: outcome)])
    }

    /// The outcome for the `invocation`-th call (0-based), or `nil` when no entry covers it.
    public func outcome(forInvocation invocation: Int) -> MockOutcome? {
        entries.first { $0.invocations.contains(invocation) }?.outcome
    }
}
