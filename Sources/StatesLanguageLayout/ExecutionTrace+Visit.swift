import Foundation
import StatesLanguage

extension ExecutionTrace {
    /// One try of a Task (or of a Map or Parallel state as a whole): from scheduling to its outcome.
    public struct Attempt: Sendable, Hashable {
        /// When the attempt was scheduled.
        public var started: Date
        /// When it succeeded or failed; `nil` while it runs.
        public var ended: Date?
        /// The error it failed with.
        public var error: String?
        /// The failure's cause.
        public var cause: String?
    }

    /// How many iterations of a Map visit started and how they ended.
    public struct IterationCounts: Sendable, Hashable {
        /// The number of items (`MapStateStarted` `length`).
        public var length = 0
        /// Iterations started.
        public var started = 0
        /// Iterations that succeeded.
        public var succeeded = 0
        /// Iterations that failed.
        public var failed = 0
        /// Iterations stopped because another failed.
        public var aborted = 0

        /// Creates counts.
        public init(length: Int = 0, started: Int = 0, succeeded: Int = 0, failed: Int = 0, aborted: Int = 0) {
            self.length = length
            self.started = started
            self.succeeded = succeeded
            self.failed = failed
            self.aborted = aborted
        }

        /// Iterations that have ended, one way or another.
        public var finished: Int { succeeded + failed + aborted }
    }

    /// One entry into a state: from `StateEntered` to `StateExited` (or to the end of the history).
    public struct Visit: Sendable {
        /// The id of the `StateEntered` event.
        public var eventID: Int
        /// The state's name.
        public var name: String
        /// The state's type (`Task`, `Map`, …).
        public var type: String
        /// The Map iteration indexes the visit ran in, outermost first (empty outside any Map).
        public var iteration: [Int]
        /// The index in ``ExecutionTrace/visits`` of the enclosing Map or Parallel visit.
        public var parent: Int?
        /// When the state was entered.
        public var entered: Date
        /// When it was left; `nil` if it never was.
        public var exited: Date?
        /// The state's input (`nil` when the trace keeps no payloads).
        public var input: JSONValue?
        /// The state's output.
        public var output: JSONValue?
        /// Task attempts (one plus the retries), or the attempts of a Map or Parallel state.
        public var attempts: [Attempt] = []
        /// The error that ended the visit (caught or not).
        public var error: String?
        /// The cause of that error.
        public var cause: String?
        /// What happened.
        public var status: StateStatus = .inProgress
        /// For a Map visit: its iterations (of the last attempt).
        public var iterations: IterationCounts?
        /// The scope (root, Map iteration or Parallel branch) the visit belongs to.
        var scope: Int

        /// Retries: attempts after the first.
        public var retries: Int { max(0, attempts.count - 1) }
        /// `[2] ` for a visit in Map iteration 2, `[2.0] ` in a nested Map; empty outside a Map.
        public var iterationLabel: String {
            iteration.isEmpty ? "" : "[" + iteration.map(String.init).joined(separator: ".") + "] "
        }
    }

    /// A move from one state to the next that the execution made.
    public struct Step: Sendable, Hashable {
        /// The state left.
        public var from: String
        /// The state entered.
        public var to: String
        /// Whether the move went through a `Catch` (the state left had failed).
        public var isCatch: Bool

        /// Creates a step.
        public init(from: String, to: String, isCatch: Bool) {
            self.from = from
            self.to = to
            self.isCatch = isCatch
        }
    }
}
