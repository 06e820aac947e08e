extension JSONValue {
    /// Whether `other` is this very value: the same storage for arrays and objects, the same case and
    /// bits for numbers (`1` and `1.0` are equal JSON values, not identical ones), equal scalars.
    ///
    /// Constant time: a writer uses it to see that a payload is the one it wrote just before (a state's
    /// input is the previous state's output) without comparing or encoding it again.
    package func isIdentical(to other: JSONValue) -> Bool {
        switch (self, other) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.number(.integer(let a)), .number(.integer(let b))): return a == b
        case (.number(.double(let a)), .number(.double(let b))): return a.bitPattern == b.bitPattern
        case (.number(.bigInteger(let a)), .number(.bigInteger(let b))): return a == b
        case (.array(let a), .array(let b)): return Self.sameStorage(a, b)
        case (.object(let a), .object(let b)):
            return Self.sameStorage(a.keyStorage, b.keyStorage) && Self.sameStorage(a.valueStorage, b.valueStorage)
        default: return false
        }
    }

    private static func sameStorage<Element>(_ a: [Element], _ b: [Element]) -> Bool {
        guard a.count == b.count else { return false }
        if a.isEmpty { return true }
        return a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in a.baseAddress == b.baseAddress } }
    }
}
