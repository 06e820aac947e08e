extension JSONPath {
    /// One compiled selector of a path.
    enum Segment: Sendable, Hashable {
        /// `.key` or `['key']`.
        case name(String)
        /// `['a','b']`: as the last segment, an object of the present keys; otherwise each value.
        case names([String])
        /// `[n]`; negative counts from the end.
        case index(Int)
        /// `[n,m,…]`.
        case indexes([Int])
        /// `[start:end]` with either bound optional.
        case slice(start: Int?, end: Int?)
        /// `.*` or `[*]`: every member of an object or element of an array.
        case wildcard
        /// `..`: the next segment applies to this node and every container below it.
        case descendants
        /// `[?(…)]`.
        case filter(JSONPathFilter)

        /// Whether the segment selects at most one child without any choice: a key or an index.
        var isSingular: Bool {
            switch self {
            case .name, .index: return true
            default: return false
            }
        }
    }
}
