/// A scope of variable bindings; blocks, lambdas and tuple steps each open one.
final class Frame {
    // @exclusivity(unchecked): frames belong to a single evaluation on one thread and no
    // access overlaps another, so the run-time exclusivity checks only cost time.
    @exclusivity(unchecked) private var bindings: [String: JSONataValue?]
    let parent: Frame?

    init(parent: Frame?, bindings: [String: JSONataValue] = [:]) {
        self.parent = parent
        self.bindings = bindings.isEmpty ? [:] : bindings.mapValues { $0 }
    }

    /// A frame with bindings that may hold undefined values.
    init(parent: Frame?, variables: [String: JSONataValue?]) {
        self.parent = parent
        self.bindings = variables
    }

    /// Binds `name`; binding `nil` (undefined) hides any outer binding of the name.
    func bind(_ name: String, _ value: JSONataValue?) {
        bindings.updateValue(value, forKey: name)
    }

    /// Forgets every binding, to break the cycles functions bound here make with the frame.
    func removeAll() {
        bindings.removeAll()
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
        var variables: [String: JSONataValue?] = .init(minimumCapacity: tuple.count)
        for key in tuple.keys { variables[key] = tuple[key] }
        return Frame(parent: parent, variables: variables)
    }
}
