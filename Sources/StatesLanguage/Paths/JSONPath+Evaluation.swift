// Evaluation follows Jayway JsonPath, which Step Functions uses for JSONPath, with what AWS
// records on top:
// - a missing key, an out-of-range index or a wrong type is skipped, never a failure: a
//   definite path then selects nothing, and an indefinite one (wildcard, slice, filter, deep
//   scan, index union) selects `[]`, even when a key before the wildcard is missing
//   (`$.items[*]` on `{}` gives `[]` on AWS, recording
//   `base_test_base…wildcard_or_slice_with_no_input`);
// - a filter applied to an object tests the object itself.
//
// Unions, deep scans and filters multiply: `$['a','a',…][2,2,…]['d','d',…]` or filters nested
// in filters reach billions of nodes from a small document. Every node reached and every filter
// test spends one unit of a budget shared by the whole evaluation, filters included, and a path
// that spends it all fails instead of running for minutes (Docs/Compatibility.md, "Quotas").

extension JSONPath {
    /// How many nodes one evaluation may reach, filter tests included. A result this long is far
    /// beyond the 256 KiB payload quota (each value takes at least two bytes in a JSON array), so
    /// only a path whose unions, deep scans or filters multiply ever gets near it.
    public static let maximumNodes = 1_000_000

    /// Thrown inside an evaluation when ``maximumNodes`` is spent; ``value(in:)`` turns it into
    /// a `States.Runtime` error that names the whole path.
    struct NodeLimitReached: Error {}

    /// Applies `segments` to `root`, one segment at a time over the list of
    /// nodes reached so far, so a long path never deepens the call stack.
    static func evaluate(_ segments: [Segment], root: JSONValue, budget: inout Int) throws(NodeLimitReached)
        -> [JSONValue]
    {
        var nodes: [JSONValue] = [root]
        for (position, segment) in segments.enumerated() {
            let isLeaf = position == segments.count - 1
            var reached: [JSONValue] = []
            for node in nodes {
                let before = reached.count
                try step(segment, from: node, root: root, isLeaf: isLeaf, into: &reached, budget: &budget)
                budget -= reached.count - before
                guard budget >= 0 else { throw NodeLimitReached() }
            }
            nodes = reached
        }
        return nodes
    }

    /// The nodes `segment` reaches from `node`, appended to `reached`; filter tests spend `budget`.
    private static func step(
        _ segment: Segment, from node: JSONValue, root: JSONValue, isLeaf: Bool, into reached: inout [JSONValue],
        budget: inout Int
    ) throws(NodeLimitReached) {
        switch segment {
        case .name(let key):
            if case .object(let object) = node, let child = object[key] { reached.append(child) }

        case .names(let keys):
            guard case .object(let object) = node else { return }
            if isLeaf {
                var merged = JSONObject()
                for key in keys {
                    if let child = object[key] { merged[key] = child }
                }
                reached.append(.object(merged))
            } else {
                for key in keys {
                    if let child = object[key] { reached.append(child) }
                }
            }

        case .index(let index):
            guard case .array(let array) = node else { return }
            let position = index < 0 ? array.count + index : index
            if array.indices.contains(position) { reached.append(array[position]) }

        case .indexes(let indexes):
            guard case .array(let array) = node else { return }
            for index in indexes {
                let position = index < 0 ? array.count + index : index
                if array.indices.contains(position) { reached.append(array[position]) }
            }

        case .slice(let start, let end):
            guard case .array(let array) = node else { return }
            for position in sliceIndexes(start: start, end: end, count: array.count) {
                reached.append(array[position])
            }

        case .wildcard:
            switch node {
            case .object(let object): reached.append(contentsOf: object.values)
            case .array(let array): reached.append(contentsOf: array)
            default: return
            }

        case .descendants:
            collectContainers(node, into: &reached)

        case .filter(let filter):
            switch node {
            case .object:
                if try filter.matches(node, root: root, budget: &budget) { reached.append(node) }
            case .array(let array):
                for element in array where try filter.matches(element, root: root, budget: &budget) {
                    reached.append(element)
                }
            default:
                return
            }
        }
    }

    /// `node` and every object and array below it, in document order (scalars are
    /// skipped: Jayway's deep scan applies the next segment to containers only).
    private static func collectContainers(_ node: JSONValue, into reached: inout [JSONValue]) {
        switch node {
        case .object(let object):
            reached.append(node)
            for child in object.values { collectContainers(child, into: &reached) }
        case .array(let array):
            reached.append(node)
            for child in array { collectContainers(child, into: &reached) }
        default:
            return
        }
    }

    /// The positions a Jayway slice visits, already limited to the array.
    ///
    /// Jayway normalises a negative start only for `[n:]`, a negative end only for
    /// `[:n]`; in `[a:b]` it walks `a..<min(b, count)` and resolves each position as
    /// an index, so negative positions count from the end.
    static func sliceIndexes(start: Int?, end: Int?, count: Int) -> [Int] {
        guard count > 0 else { return [] }
        var positions: [Int] = []
        switch (start, end) {
        case (let from?, nil):
            let first = max(0, from < 0 ? count + from : from)
            if first < count { positions = Array(first..<count) }
        case (nil, let to?):
            let last = min(count, to < 0 ? count + to : to)
            if last > 0 { positions = Array(0..<last) }
        case (let from?, let to?):
            // Negative bounds count from the end, then both are clamped to the array (Jayway).
            let first = max(0, from < 0 ? count + from : from)
            let last = min(count, to < 0 ? count + to : to)
            if first < last { positions = Array(first..<last) }
        case (nil, nil):
            positions = Array(0..<count)
        }
        return positions
    }
}
