import Foundation
import Synchronization

/// The journal position of one step of a durable run: the step's key prefix (its lane and
/// visit) and the sequence of records it has consumed.
///
/// A step runs its work in order, so the n-th value it asks for is the n-th value it asked for in
/// the first run: the key `prefix#n` finds it again on replay. Map iterations and Parallel branches
/// get cursors of their own lanes, so their concurrency does not matter.
final class JournalCursor: Sendable {
    /// The cursor of the step the current task works for; `nil` outside durable runs.
    static var current: JournalCursor? { JournalLane.current?.step }

    let journal: ExecutionJournal
    /// The step's key prefix, such as `/ProcessBatches@1~0[2]/Reboot@1`, built the first time a key is
    /// needed (most pure transitions need none).
    var prefix: String {
        identity.withLock { identity in
            if let cached = identity.prefix { return cached }
            let built = identity.parts.map { "\($0.lane)/\(JournalCursor.escape($0.state))@\($0.visit)" } ?? ""
            identity.prefix = built
            return built
        }
    }
    private struct Identity {
        var parts: (lane: String, state: String, visit: Int)?
        var prefix: String?
    }
    private let identity: Mutex<Identity>
    /// Key `#0` is the step's entered time; the values it consumes are numbered from 1.
    private let sequence = Atomic<Int>(1)
    private let live = Atomic<Bool>(false)
    private let entered = Mutex<Date?>(nil)

    init(journal: ExecutionJournal, prefix: String) {
        self.journal = journal
        identity = Mutex(Identity(parts: nil, prefix: prefix))
    }

    /// The cursor of a visit of a state in a lane.
    init(journal: ExecutionJournal, lane: String, state: String, visit: Int) {
        self.journal = journal
        identity = Mutex(Identity(parts: (lane, state, visit), prefix: nil))
    }

    /// Makes this cursor, which nothing else holds, a new one for a visit of a state in a lane of the
    /// same journal (the run loop reuses one object per lane instead of allocating one per step).
    fileprivate func reset(lane: String, state: String, visit: Int) {
        identity.withLock { $0 = Identity(parts: (lane, state, visit), prefix: nil) }
        sequence.store(1, ordering: .relaxed)
        live.store(false, ordering: .relaxed)
        entered.withLock { $0 = nil }
    }

    /// The key of the next record this step consumes.
    func nextKey() -> String {
        let n = sequence.add(1, ordering: .relaxed).oldValue
        return "\(prefix)#\(n)"
    }

    /// Whether this step has left its recorded past in a redrive: its events are new history.
    var isLive: Bool { live.load(ordering: .relaxed) }

    /// Marks the step as running anew (a redriven task).
    func goLive() { live.store(true, ordering: .relaxed) }

    /// The recorded value at the next key, or `make()`'s, recorded.
    func value(_ make: () -> JSONValue) -> JSONValue {
        let key = nextKey()
        if let recorded = journal.replay.values[key] { return recorded }
        let value = make()
        journal.append(.value(key: key, value: value))
        return value
    }

    /// The step's entered time: the first run's on replay; otherwise `observed`, journaled the first
    /// time it is asked for.
    func enteredTime(_ observed: Date) -> Date {
        entered.withLock { entered in
            if let entered { return entered }
            let key = "\(prefix)#0"
            let time: Date
            if case .number(let seconds)? = journal.replay.values[key] {
                time = Date(timeIntervalSince1970: seconds.doubleValue)
            } else {
                time = observed
                journal.append(.value(key: key, value: .double(observed.timeIntervalSince1970)))
            }
            entered = time
            return time
        }
    }

    /// The clock's time, or the time the first run read here.
    func time(_ clock: any ExecutionClock) -> Date {
        date { clock.now }
    }

    /// A date the step computed (a deadline), or the one the first run computed here.
    func date(_ make: () -> Date) -> Date {
        let value = value { .double(make().timeIntervalSince1970) }
        if case .number(let seconds) = value { return Date(timeIntervalSince1970: seconds.doubleValue) }
        return make()
    }

    /// A cursor for a lane inside this step (a Map iteration or Parallel branch of attempt `attempt`).
    func lane(_ attempt: Int, _ marker: String) -> JournalCursor {
        JournalCursor(journal: journal, prefix: "\(prefix)~\(attempt)\(marker)")
    }
}

extension JournalCursor {
    /// A state name as it appears in keys: the characters keys use as separators (`/ ~ # [ ] { } @ %`)
    /// are percent-encoded.
    static func escape(_ name: String) -> String {
        let separators: [UInt8] = Array("/~#[]{}@%".utf8)
        guard name.utf8.contains(where: { separators.contains($0) }) else { return name }
        var escaped = ""
        for character in name {
            if "/~#[]{}@%".contains(character), let ascii = character.asciiValue {
                escaped += "%" + String(ascii, radix: 16, uppercase: true)
            } else {
                escaped.append(character)
            }
        }
        return escaped
    }
}

extension JournalCursor {
    /// A generated value (`States.UUID()`, `$random()`…): the first run's on replay, recorded in a
    /// durable run, and simply `make()`'s otherwise.
    static func generated(_ make: () -> JSONValue) -> JSONValue {
        guard let cursor = current else { return make() }
        return cursor.value(make)
    }
}

/// The lane a task works in (the top level, a Map iteration, a Parallel branch) and the cursor of
/// its current step: one task-local binding per lane, whose step changes as the run loop moves on.
final class JournalLane: Sendable {
    /// The lane of the current task; `nil` outside durable runs.
    @TaskLocal static var current: JournalLane?

    private let cursor: Mutex<JournalCursor?>

    /// A lane whose current step is `step`.
    init(_ step: JournalCursor?) { cursor = Mutex(step) }

    /// The cursor of the step the lane runs now.
    var step: JournalCursor? {
        get { cursor.withLock { $0 } }
        set { cursor.withLock { $0 = newValue } }
    }

    /// Moves the lane to a visit of a state and returns its cursor: the previous step's cursor, reset,
    /// when nothing holds it any more, or a new one.
    func enter(_ journal: ExecutionJournal, lane: String, state: String, visit: Int) -> JournalCursor {
        cursor.withLock { current in
            if isKnownUniquelyReferenced(&current), let reusable = current, reusable.journal === journal {
                reusable.reset(lane: lane, state: state, visit: visit)
                return reusable
            }
            let fresh = JournalCursor(journal: journal, lane: lane, state: state, visit: visit)
            current = fresh
            return fresh
        }
    }
}
