import Synchronization

/// The lane a task works in (the top level, a Map iteration, a Parallel branch) and its current
/// step: one task-local binding per lane, whose step changes as the run loop moves on.
///
/// Entering a step costs the run loop a counter and a lock: the step's cursor, with its key prefix,
/// is made the first time something asks for it (a task, a Wait, a generated value, the entered
/// time), so pure transitions build no key and allocate nothing.
final class JournalLane: Sendable {
    /// The lane of the current task; `nil` outside durable runs.
    @TaskLocal static var current: JournalLane?

    private struct Position {
        /// The index of the state the run loop is in, or -1 before the first one (or in a lane whose
        /// step is fixed).
        var index = -1
        /// How many times the run loop has entered each state.
        var visits: [Int]
        var cursor: JournalCursor?
    }

    private let journal: ExecutionJournal?
    /// The lane's key prefix, for the run loop's steps.
    private let lane: String
    /// The run loop's states, by index (the graph's own array, shared, not copied).
    private let states: [State]
    private let position: Mutex<Position>

    /// A lane whose step is fixed: `step` (a Map iteration's or Parallel branch's own cursor).
    init(_ step: JournalCursor?) {
        journal = nil
        lane = ""
        states = []
        position = Mutex(Position(visits: [], cursor: step))
    }

    /// The lane of a run loop over `states`, whose keys start with `lane`.
    init(journal: ExecutionJournal, lane: String, states: [State]) {
        self.journal = journal
        self.lane = lane
        self.states = states
        position = Mutex(Position(visits: [Int](repeating: 0, count: states.count), cursor: nil))
    }

    /// The cursor of the step the lane runs now, made the first time it is asked for.
    var step: JournalCursor? {
        position.withLock { position in
            if let cursor = position.cursor { return cursor }
            guard let journal, position.index >= 0 else { return nil }
            let cursor = JournalCursor(journal: journal, prefix: prefix(position))
            position.cursor = cursor
            return cursor
        }
    }

    /// The key prefix of the step the lane runs now, such as `/ProcessBatches@1~0[2]/Reboot@1`.
    var stepPrefix: String {
        position.withLock { position in position.cursor?.prefix ?? prefix(position) }
    }

    private func prefix(_ position: Position) -> String {
        guard position.index >= 0 else { return "" }
        return JournalCursor.prefix(
            lane: lane, state: states[position.index].name, visit: position.visits[position.index])
    }

    /// Moves the run loop's lane to the next visit of the state at `index`.
    func enter(_ index: Int) {
        position.withLock { position in
            position.visits[index] += 1
            position.index = index
            position.cursor = nil
        }
    }
}
