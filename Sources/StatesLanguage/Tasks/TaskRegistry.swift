/// Maps Task `Resource` ARNs to the handlers that run them.
///
/// Register a handler for an exact ARN or for a pattern where `*` matches any
/// run of characters. Look-up prefers an exact match, then the pattern with
/// the longest text before its first `*` (the most specific one), then the
/// one registered first. An ARN with an integration-pattern suffix
/// (`.sync`, `.waitForTaskToken`) also finds a handler registered for the ARN
/// without it.
///
/// ```swift
/// var registry = TaskRegistry()
/// registry.register(for: "arn:aws:states:::aws-sdk:ec2:*") { request in [:] }
/// registry.register(for: "arn:aws:lambda:*:*:function:*") { request in request.input }
/// ```
public struct TaskRegistry: Sendable {
    private var exact: [String: any TaskHandler] = [:]
    private var patterns: [(pattern: String, handler: any TaskHandler)] = []

    /// Creates an empty registry.
    public init() {}

    /// Registers `handler` for `pattern` (an exact ARN or one with `*` wildcards), replacing any earlier one for it.
    public mutating func register(_ handler: any TaskHandler, for pattern: String) {
        if pattern.contains("*") {
            patterns.removeAll { $0.pattern == pattern }
            patterns.append((pattern, handler))
        } else {
            exact[pattern] = handler
        }
    }

    /// Registers a closure for `pattern`.
    public mutating func register(
        for pattern: String, _ body: @escaping @Sendable (TaskRequest) async throws -> JSONValue
    ) {
        register(ClosureTaskHandler(body), for: pattern)
    }

    /// Adds every registration of `other`, replacing this registry's handlers for the same patterns.
    public mutating func merge(_ other: TaskRegistry) {
        for (pattern, handler) in other.exact { exact[pattern] = handler }
        for (pattern, handler) in other.patterns { register(handler, for: pattern) }
    }

    /// Whether nothing is registered.
    public var isEmpty: Bool { exact.isEmpty && patterns.isEmpty }

    /// The handler for `resource`, if one is registered.
    public func handler(for resource: ResourceARN) -> (any TaskHandler)? {
        if let handler = exact[resource.rawValue] ?? exact[resource.baseARN] { return handler }
        var best: (length: Int, handler: any TaskHandler)?
        for (pattern, handler) in patterns
        where TaskRegistry.matches(resource.rawValue, pattern) || TaskRegistry.matches(resource.baseARN, pattern) {
            let length = pattern.prefix { $0 != "*" }.count
            if best == nil || length > best!.length { best = (length, handler) }
        }
        return best?.handler
    }

    /// Glob matching where `*` matches any run of characters (including none).
    static func matches(_ text: String, _ pattern: String) -> Bool {
        StringPattern(pattern).matches(text)
    }
}
