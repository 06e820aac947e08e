/// The states a regex matcher has visited in one text, kept from one search to the next.
///
/// A state is an instruction, a position and how many of the empty-iteration loops around the
/// instruction have consumed nothing yet in their current iteration (see
/// ``RegexProgram/memoKey(_:_:_:)``); with no backreference, that is all a state's outcome depends
/// on. A search stops at its first match, so every state it visited fails, except the states on the
/// path of that match, which all lie at or before its end. States are numbered position first, so
/// the next search, which starts at that end or later, forgets only the states of one position.
final class RegexVisits {
    private enum Storage {
        case none, dense, sparse
    }

    private let storage: Storage
    /// States per text position.
    private let stride: Int
    // @exclusivity(unchecked): a record belongs to one matcher of one evaluation on one thread and
    // no access overlaps another, so the run-time exclusivity checks only cost time.
    /// Bits of the dense record, allocated a page at a time (searches that stop early touch few).
    @exclusivity(unchecked) private var words: [UInt64] = []
    /// Where each page starts in `words`, or -1 while the page is untouched.
    @exclusivity(unchecked) private var pages: [Int] = []
    private let pageShift: Int
    private let wordsPerPage: Int
    /// The record of a text too long for a bitmap: a search usually touches few of its states.
    @exclusivity(unchecked) private var sparse: Set<Int> = []
    /// The furthest end of a successful search: states at positions up to it may lie on that
    /// search's path rather than have failed.
    @exclusivity(unchecked) private var unsettledEnd: Int?

    /// Texts with at most this many states use a bitmap (8 MiB at most).
    static let maximumDenseBits = 1 << 26

    init(program: RegexProgram, textLength: Int) {
        stride = program.instructions.count * program.memoLevels
        let bits = stride * (textLength + 1)
        if !program.canMemoize {
            storage = .none
        } else if bits <= RegexVisits.maximumDenseBits {
            storage = .dense
        } else {
            storage = .sparse
        }
        pageShift = 15
        wordsPerPage = Swift.min(1 << (pageShift - 6), (bits + 63) >> 6)
        if storage == .dense { pages = [Int](repeating: -1, count: (bits >> pageShift) + 1) }
    }

    var isEnabled: Bool { storage != .none }

    /// Prepares a search that starts at `offset`: forgets the states that earlier successes may have
    /// left on their paths at the positions this search can reach (a search never goes back).
    func prepare(from offset: Int) {
        guard let end = unsettledEnd, offset <= end else { return }
        if offset == end {
            forget(from: end * stride, to: (end + 1) * stride)
            unsettledEnd = end > 0 ? end - 1 : nil
        } else {
            words.removeAll(keepingCapacity: true)
            for i in pages.indices { pages[i] = -1 }
            sparse.removeAll()
            unsettledEnd = nil
        }
    }

    /// Notes that a search succeeded with a match ending at `end`.
    func succeeded(at end: Int) {
        unsettledEnd = Swift.max(unsettledEnd ?? end, end)
    }

    /// Records a visit to state `key` (position × stride + state); `false` when it was visited before.
    @inline(__always)
    func firstVisit(_ key: Int) -> Bool {
        switch storage {
        case .none:
            return true
        case .dense:
            let page = key >> pageShift
            var base = pages[page]
            if base < 0 {
                base = words.count
                words.append(contentsOf: repeatElement(0, count: wordsPerPage))
                pages[page] = base
            }
            let word = base + ((key & ((1 << pageShift) - 1)) >> 6)
            let mask: UInt64 = 1 << UInt64(key & 63)
            if words[word] & mask != 0 { return false }
            words[word] |= mask
            return true
        case .sparse:
            return sparse.insert(key).inserted
        }
    }

    /// Forgets the states numbered `low..<high`.
    private func forget(from low: Int, to high: Int) {
        switch storage {
        case .none:
            break
        case .dense:
            var bit = low
            while bit < high {
                let next = Swift.min(high, (bit | 63) + 1)
                let base = pages[bit >> pageShift]
                if base >= 0 {
                    let word = base + ((bit & ((1 << pageShift) - 1)) >> 6)
                    let width = next - bit
                    let mask: UInt64 = width == 64 ? ~0 : ((1 << UInt64(width)) - 1) << UInt64(bit & 63)
                    words[word] &= ~mask
                }
                bit = next
            }
        case .sparse:
            if high - low <= 4096 {
                for key in low..<high { sparse.remove(key) }
            } else {
                sparse.removeAll()
            }
        }
    }
}
