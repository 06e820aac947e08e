// Evaluation follows Jayway JsonPath, which Step Functions uses for JSONPath:
// - a missing key or a wrong type is silently skipped once the path has passed an
//   indefinite segment, but fails evaluation while every segment so far was definite
//   (except a missing last key, which is simply "no result");
// - out-of-range indexes are skipped, never failures;
// - a filter applied to an object tests the object itself.

/// Aborts an evaluation that Jayway would end with an exception.
struct JSONPathEvaluationFailure: Error {}

extension JSONPath {
    static func apply(
        _ segments: ArraySlice<Segment>,
        to node: JSONValue,
        root: JSONValue,
        upstreamDefinite: Bool,
        into matches: inout [JSONValue]
    ) throws(JSONPathEvaluationFailure) {
        guard let segment = segments.first else {
            matches.append(node)
            return
        }
        let rest = segments.dropFirst()
        let isLeaf = rest.isEmpty
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
            try apply(rest, to: child, root: root, upstreamDefinite: upstreamDefinite, into: &matches)

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
                matches.append(.object(merged))
            } else {
                for key in keys {
                    if let child = object[key] {
                        try apply(rest, to: child, root: root, upstreamDefinite: false, into: &matches)
                    }
                }
            }

        case .index(let index):
            guard case .array(let array) = node else {
                if upstreamDefinite { throw JSONPathEvaluationFailure() }
                return
            }
            let position = index < 0 ? array.count + index : index
            guard array.indices.contains(position) else { return }
            try apply(rest, to: array[position], root: root, upstreamDefinite: upstreamDefinite, into: &matches)

        case .indexes(let indexes):
            guard case .array(let array) = node else {
                if upstreamDefinite { throw JSONPathEvaluationFailure() }
                return
            }
            for index in indexes {
                let position = index < 0 ? array.count + index : index
                guard array.indices.contains(position) else { continue }
                try apply(rest, to: array[position], root: root, upstreamDefinite: false, into: &matches)
            }

        case .slice(let start, let end):
            guard case .array(let array) = node else {
                if upstreamDefinite { throw JSONPathEvaluationFailure() }
                return
            }
            for position in sliceIndexes(start: start, end: end, count: array.count) {
                try apply(rest, to: array[position], root: root, upstreamDefinite: false, into: &matches)
            }

        case .wildcard:
            switch node {
            case .object(let object):
                for child in object.values {
                    try apply(rest, to: child, root: root, upstreamDefinite: false, into: &matches)
                }
            case .array(let array):
                for child in array {
                    try apply(rest, to: child, root: root, upstreamDefinite: false, into: &matches)
                }
            default:
                return
            }

        case .descendants:
            try scan(node, rest, root: root, into: &matches)

        case .filter(let filter):
            switch node {
            case .object:
                if filter.matches(node, root: root) {
                    try apply(rest, to: node, root: root, upstreamDefinite: false, into: &matches)
                }
            case .array(let array):
                for element in array where filter.matches(element, root: root) {
                    try apply(rest, to: element, root: root, upstreamDefinite: false, into: &matches)
                }
            default:
                if upstreamDefinite { throw JSONPathEvaluationFailure() }
            }
        }
    }

    /// Applies `rest` to `node` and to every object and array below it, in document order.
    private static func scan(
        _ node: JSONValue,
        _ rest: ArraySlice<Segment>,
        root: JSONValue,
        into matches: inout [JSONValue]
    ) throws(JSONPathEvaluationFailure) {
        switch node {
        case .object(let object):
            try apply(rest, to: node, root: root, upstreamDefinite: false, into: &matches)
            for child in object.values { try scan(child, rest, root: root, into: &matches) }
        case .array(let array):
            try apply(rest, to: node, root: root, upstreamDefinite: false, into: &matches)
            for child in array { try scan(child, rest, root: root, into: &matches) }
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
            let last = min(count, to)
            if from < last {
                for index in from..<last {
                    let position = index < 0 ? count + index : index
                    if position >= 0 && position < count { positions.append(position) }
                }
            }
        case (nil, nil):
            positions = Array(0..<count)
        }
        return positions
    }
}
