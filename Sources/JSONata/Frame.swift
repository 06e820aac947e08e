/// A scope of variable bindings; blocks, lambdas and tuple steps each open one.
final class Frame {
    private var bindings: [String: JSONataValue]
    let parent: Frame?

    init(parent: Frame?, bindings: [String: JSONataValue] = [:]) {
        self.parent = parent
        self.bindings = bindings
    }

    /// Binds `name`; binding `nil` (undefined) leaves outer bindings visible.
    func bind(_ name: String, _ value: JSONataValue?) {
        bindings[name] = value
    }

    func lookup(_ name: String) -> JSONataValue? {
        var frame: Frame? = self
        while let current = frame {
            if let value = current.bindings[name] { return value }
            frame = current.parent
        }
        return nil
    }

    /// A frame binding every property of a tuple (its `@` value, focus and index variables, ancestor labels).
    static func from(tuple: ValueObject, parent: Frame) -> Frame {
        var bindings: [String: JSONataValue] = [:]
        for (key, value) in tuple.entries { bindings[key] = value }
        return Frame(parent: parent, bindings: bindings)
    }
}
