import Foundation

/// The location of a field inside a definition, such as `States.Reboot.Retry[0].BackoffRate`.
///
/// Printed in the dotted form AWS's validator uses; convertible to a JSON
/// Pointer to find the field's line and column in the definition's text.
public struct FieldPath: Sendable, Hashable, CustomStringConvertible {
    /// One step into the definition.
    public enum Component: Sendable, Hashable {
        /// An object key.
        case key(String)
        /// An array index.
        case index(Int)
    }

    /// The steps from the definition's root.
    public var components: [Component]

    /// Creates a path from components.
    public init(_ components: [Component] = []) { self.components = components }

    /// The path extended by an object key.
    public func appending(_ key: String) -> FieldPath { FieldPath(components + [.key(key)]) }

    /// The path extended by an array index.
    public func appending(index: Int) -> FieldPath { FieldPath(components + [.index(index)]) }

    /// The path extended by the tokens of a JSON Pointer inside the field (`/a/0` → `.a[0]`).
    func appending(pointer: String) -> FieldPath {
        var result = self
        for token in pointer.split(separator: "/", omittingEmptySubsequences: true) {
            let key = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            result = result.appending(key)
        }
        return result
    }

    /// The dotted form: `States.Loop.Next`, `States.A.Retry[0].ErrorEquals`; the root prints as `$`.
    /// A key longer than 80 characters is shortened (see ``Diagnostic/shortened(_:)``).
    public var description: String {
        var text = ""
        for component in components {
            switch component {
            case .key(let key):
                if !text.isEmpty { text += "." }
                text += Diagnostic.shortened(key)
            case .index(let i):
                text += "[\(i)]"
            }
        }
        return text.isEmpty ? "$" : text
    }

    /// The JSON Pointer (RFC 6901) of the field, for ``JSONSourceMap`` look-ups.
    public var jsonPointer: String {
        var pointer = ""
        for component in components {
            switch component {
            case .key(let key): pointer += "/" + JSONSourceMap.escape(key)
            case .index(let i): pointer += "/\(i)"
            }
        }
        return pointer
    }
}
