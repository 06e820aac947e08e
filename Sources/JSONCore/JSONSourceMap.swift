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

    init(text: [UInt8]) { self.text = text }

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

    /// Escapes one reference token for use in a JSON Pointer (`~` → `~0`, `/` → `~1`).
    public static func escape(_ token: String) -> String {
        guard token.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else { return token }
        return token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }
}
