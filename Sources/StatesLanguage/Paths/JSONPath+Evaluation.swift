// Evaluation follows Jayway JsonPath, which Step Functions uses for JSONPath:
// - a missing key or a wrong type is silently skipped once the path has passed an
//   indefinite segment, but fails evaluation while every segment so far was definite
//   (except a missing last key, which is simply "no result");
// - out-of-range indexes are skipped, never failures;
// - a filter applied to an object tests the object itself.

/// Aborts an evaluation that Jayway would end with an exception.
struct JSONPathEvaluationFailure: Error {}

extension JSONPath {
    /// Applies `segments` to `root`, one segment at a time over the list of
    /// nodes reached so far, so a long path never deepens the call stack.
    ///
    /// Whether a missing key or a wrong type fails depends only on whether
    /// every earlier segment was definite, so it is tracked per segment.
    static func evaluate(_ segments: [Segment], root: JSONValue) throws(JSONPathEvaluationFailure) -> [JSONValue] {
        var nodes: [JSONValue] = [root]
        var upstreamDefinite = true
        for (position, segment) in segments.enumerated() {
            let isLeaf = position == segments.count - 1
            var reached: [JSONValue] = []
            for node in nodes {
                try step(segment, from: node, root: root, isLeaf: isLeaf, upstreamDefinite: upstreamDefinite, into: &reached)
            }
            nodes = reached
            switch segment {
            case .name, .index: break
            default: upstreamDefinite = false
            }
        }
        return nodes
    }

    /// The nodes `segment` reaches from `node`, appended to `reached`.
    private static func step(
        _ segment: Segment,
        from node: JSONValue,
        root: JSONValue,
        isLeaf: Bool,
        upstreamDefinite: Bool,
        into reached: inout [JSONValue]
    ) throws(JSONPathEvaluationFailure) {
        switch segment {
        case .name(let key):
            guard case .object(let object) = node else {
                if upstreamDefinite { throw JSONPathEvaluationFailure() }
                return
            }
            guard let child = object[key] else {
                if upstreamDefinite && !isLeaf { throw JSONPathEvaluationFailure() }
                return
            }
            reached.append(child)

        case .names(let keys):
            guard case .object(let object) = node else {
                if upstreamDefinite { throw JSONPathEvaluationFailure() }
                return
            }
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
            guard case .array(let array) = node else {
                if upstreamDefinite { throw JSONPathEvaluationFailure() }
                return
            }
            let position = index < 0 ? array.count + index : index
            if array.indices.contains(position) { reached.append(array[position]) }

        case .indexes(let indexes):
            guard case .array(let array) = node else {
                if upstreamDefinite { throw JSONPathEvaluationFailure() }
                return
            }
            for index in indexes {
                let position = index < 0 ? array.count + index : index
                if array.indices.contains(position) { reached.append(array[position]) }
            }

        case .slice(let start, let end):
            guard case .array(let array) = node else {
                if upstreamDefinite { throw JSONPathEvaluationFailure() }
                return
            }
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
                if upstreamDefinite { throw JSONPathEvaluationFailure() }
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
