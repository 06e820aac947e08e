// Evaluation follows Jayway JsonPath, which Step Functions uses for JSONPath, with what AWS
// records on top:
// - a missing key, an out-of-range index or a wrong type is skipped, never a failure: a
//   definite path then selects nothing, and an indefinite one (wildcard, slice, filter, deep
//   scan, index union) selects `[]`, even when a key before the wildcard is missing
//   (`$.items[*]` on `{}` gives `[]` on AWS, recording
//   `base_test_base…wildcard_or_slice_with_no_input`);
// - a filter applied to an object tests the object itself.

extension JSONPath {
    /// Applies `segments` to `root`, one segment at a time over the list of
    /// nodes reached so far, so a long path never deepens the call stack.
    static func evaluate(_ segments: [Segment], root: JSONValue) -> [JSONValue] {
        var nodes: [JSONValue] = [root]
        for (position, segment) in segments.enumerated() {
            let isLeaf = position == segments.count - 1
            var reached: [JSONValue] = []
            for node in nodes {
                step(segment, from: node, root: root, isLeaf: isLeaf, into: &reached)
            }
            nodes = reached
        }
        return nodes
    }

    /// The nodes `segment` reaches from `node`, appended to `reached`.
    private static func step(
        _ segment: Segment, from node: JSONValue, root: JSONValue, isLeaf: Bool, into reached: inout [JSONValue]
    ) {
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
                if filter.matches(node, root: root) { reached.append(node) }
            case .array(let array):
                for element in array where filter.matches(element, root: root) { reached.append(element) }
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
