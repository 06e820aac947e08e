import Foundation

/// Where each value of a parsed JSON document starts in its text.
///
/// Keys are JSON Pointers (RFC 6901) such as `/States/Loop/Next`; the map
/// records byte offsets while parsing, and the line and column are computed
/// only when a location is asked for, so parsing stays cheap.
public struct JSONSourceMap: Sendable {
    @usableFromInline var valueOffsets: [String: Int] = [:]
    @usableFromInline var keyOffsets: [String: Int] = [:]
    /// JSON Pointers of keys that appear more than once in their object (the later value wins).
    public internal(set) var duplicateKeys: [String] = []
    let text: [UInt8]

    /// An empty map over `text`, for parsers of other notations (YAML) that build one.
    package init(text: [UInt8]) { self.text = text }

    /// The location where the value at `pointer` starts, if recorded.
    public func location(of pointer: String) -> TextLocation? {
        guard let offset = valueOffsets[pointer] else { return nil }
        return TextLocation(offset: offset, in: text)
    }

    /// The location of the key naming the value at `pointer`, or of the value itself
    /// when it has no key (array elements, the root).
    public func keyLocation(of pointer: String) -> TextLocation? {
        guard let offset = keyOffsets[pointer] ?? valueOffsets[pointer] else { return nil }
        return TextLocation(offset: offset, in: text)
    }

    /// The location of `pointer`, or of its nearest recorded ancestor.
    ///
    /// Useful for a diagnostic about a missing field: it points at the object
    /// that lacks it.
    public func nearestLocation(of pointer: String) -> TextLocation? {
        var current = pointer
        while true {
            if let location = keyLocation(of: current) { return location }
            guard let slash = current.lastIndex(of: "/") else { return nil }
            current = String(current[..<slash])
        }
    }

    /// Records that the value at `pointer` starts at byte `offset`.
    package mutating func recordValue(at pointer: String, offset: Int) { valueOffsets[pointer] = offset }

    /// Records that the key naming the value at `pointer` starts at byte `offset`.
    package mutating func recordKey(at pointer: String, offset: Int) { keyOffsets[pointer] = offset }

    /// The byte offset where the value at `pointer` starts, if recorded.
    package func offset(of pointer: String) -> Int? { valueOffsets[pointer] }

    /// The line and column of a byte offset in the mapped text.
    package func location(ofOffset offset: Int) -> TextLocation { TextLocation(offset: offset, in: text) }

    /// The pointer of the innermost key or value starting at or before `offset`: for an offset inside
    /// a scalar, the scalar (or the key) that holds it.
    package func pointer(containing offset: Int) -> String? {
        var best: (offset: Int, pointer: String)?
        for (pointer, start) in valueOffsets where start <= offset && start >= (best?.offset ?? -1) {
            // Of a container and its first element starting at the same byte, the element is innermost.
            if let best, best.offset == start, best.pointer.count > pointer.count { continue }
            best = (start, pointer)
        }
        for (pointer, start) in keyOffsets where start <= offset && start >= (best?.offset ?? -1) { best = (start, pointer) }
        return best?.pointer
    }

    /// The same map over another text, each offset moved by `transform` (used when the parsed text
    /// was derived from the original, as by substituting placeholders).
    package func remapped(to original: [UInt8], _ transform: (Int) -> Int) -> JSONSourceMap {
        var map = JSONSourceMap(text: original)
        map.valueOffsets = valueOffsets.mapValues(transform)
        map.keyOffsets = keyOffsets.mapValues(transform)
        map.duplicateKeys = duplicateKeys
        return map
    }

    /// Escapes one reference token for use in a JSON Pointer (`~` → `~0`, `/` → `~1`).
    public static func escape(_ token: String) -> String {
        guard token.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else { return token }
        return token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }
}
