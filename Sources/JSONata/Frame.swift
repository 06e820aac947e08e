/// A scope of variable bindings; blocks, lambdas and tuple steps each open one.
final class Frame {
    private var bindings: [String: JSONataValue?]
    let parent: Frame?

    init(parent: Frame?, bindings: [String: JSONataValue] = [:]) {
        self.parent = parent
        self.bindings = bindings.mapValues { $0 }
    }

    /// Binds `name`; binding `nil` (undefined) hides any outer binding of the name.
    func bind(_ name: String, _ value: JSONataValue?) {
        bindings.updateValue(value, forKey: name)
    }

    func lookup(_ name: String) -> JSONataValue? {
        var frame: Frame? = self
        while let current = frame {
            if let entry = current.bindings[name] { return entry }
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
