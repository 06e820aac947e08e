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
    /// The step's key prefix, such as `/ProcessBatches@1~0[2]/Reboot@1`.
    let prefix: String
    /// Key `#0` is the step's entered time; the values it consumes are numbered from 1.
    private let sequence = Atomic<Int>(1)
    private let live = Atomic<Bool>(false)
    private let entered = Mutex<Date?>(nil)

    init(journal: ExecutionJournal, prefix: String) {
        self.journal = journal
        self.prefix = prefix
    }

    /// The prefix of a visit of a state in a lane.
    static func prefix(lane: String, state: String, visit: Int) -> String {
        "\(lane)/\(escape(state))@\(visit)"
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

    /// Records, once, that this lane (a Map iteration or Parallel branch) began: key `LANE#lane`.
    ///
    /// A redrive replays a lane that succeeded before with the `RedriveCount` and `RedriveTime` of the
    /// run that began it, even when none of its steps records anything (a lane of Pass and Choice
    /// states); without this record it would see the redrive's, and its events would be written again.
    func noteLaneBegun() {
        let key = "\(prefix)#lane"
        guard journal.replay.values[key] == nil else { return }
        journal.append(.value(key: key, value: .bool(true)))
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
