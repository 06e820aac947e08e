import Foundation
import JSONCore

/// A parsed JSONata expression, ready to be evaluated many times.
///
/// Parsing happens once in ``init(_:)``; ``evaluate(_:bindings:environment:)``
/// runs the expression against an input document. Values are `Sendable`, so a
/// parsed expression can be shared between tasks.
///
/// ```swift
/// let expression = try JSONataExpression("$sum(items[price > 10].price)")
/// let total = try expression.evaluate(["items": [["price": 12], ["price": 5], ["price": 20]]])
/// // total == 32
/// ```
public struct JSONataExpression: Sendable {
    /// The expression text.
    public let source: String
    let ast: Node

    /// Parses an expression.
    ///
    /// - Parameter source: The JSONata expression text.
    /// - Throws: ``JSONataError`` with an `S0xxx` code and the position of a syntax error.
    public init(_ source: String) throws(JSONataError) {
        self.source = source
        self.ast = try Parser.parse(source)
    }

    /// Evaluates the expression.
    ///
    /// Evaluation is synchronous. When the calling thread's stack is too small for
    /// ``JSONataEnvironment/maximumDepth``, the evaluation runs on a helper thread with
    /// a large enough stack while the caller waits; either way deep recursion ends in a
    /// `U1001` error, never a crash.
    ///
    /// - Parameters:
    ///   - input: The input document (`$` and `$$`); `nil` for no input.
    ///   - bindings: Variables visible to the expression, by name without `$`
    ///     (`["states": …]` makes `$states` available).
    ///   - environment: Limits, the clock and registered native functions.
    /// - Returns: The result, or `nil` when the expression produces nothing (undefined).
    ///   Functions have no JSON form and are returned as `nil` too.
    /// - Throws: ``JSONataError`` with the reference implementation's code (`T2001`, `D3030`, `U1001`, …).
    public func evaluate(_ input: JSONValue?, bindings: [String: JSONValue] = [:],
                         environment: JSONataEnvironment = .init()) throws(JSONataError) -> JSONValue? {
        var values: [String: JSONataValue?] = .init(minimumCapacity: bindings.count + 1)
        for (name, value) in bindings { values[name] = JSONataValue(value) }
        return try evaluate(input.map { JSONataValue($0) }, bindings: values, environment: environment) {
            value throws(JSONataError) in try value?.json(maximumDepth: environment.maximumValueDepth)
        }
    }

    /// Whether evaluating the expression gives a function, which ``evaluate(_:bindings:environment:)``
    /// cannot tell from nothing (both are `nil` there).
    ///
    /// - Returns: `true` when the result is a function (a lambda, a built-in, a partial application).
    /// - Throws: ``JSONataError`` as ``evaluate(_:bindings:environment:)`` does.
    public func evaluatesToFunction(
        _ input: JSONValue?, bindings: [String: JSONValue] = [:], environment: JSONataEnvironment = .init()
    ) throws(JSONataError) -> Bool {
        var values: [String: JSONataValue?] = .init(minimumCapacity: bindings.count + 1)
        for (name, value) in bindings { values[name] = JSONataValue(value) }
        let result = try evaluateValue(input.map { JSONataValue($0) }, bindings: values, environment: environment)
        if case .function? = result { return true }
        return false
    }

    func evaluateValue(_ input: JSONataValue?, bindings: [String: JSONataValue?], environment: JSONataEnvironment)
        throws(JSONataError) -> JSONataValue?
    {
        try evaluate(input, bindings: bindings, environment: environment) { value throws(JSONataError) in value }
    }

    /// Evaluates and converts the result with `finish`, both on a thread with stack enough for the
    /// environment's depth limit. A cancelled task stops the evaluation with `U1003`.
    private func evaluate<T>(
        _ input: JSONataValue?, bindings: [String: JSONataValue?], environment: JSONataEnvironment,
        finish: @escaping (JSONataValue?) throws(JSONataError) -> T
    ) throws(JSONataError) -> T {
        let ast = self.ast
        // The task is blocked in this call until the evaluation ends, so reading its cancellation
        // flag from the helper thread is safe.
        let task = withUnsafeCurrentTask { $0 }
        let isCancelled: () -> Bool = { task?.isCancelled ?? false }
        // A stopped evaluation's values are freed after the caller has its error (see runOnLargeStack),
        // so that a stop is not delayed by freeing hundreds of megabytes.
        var stopped: Evaluator? = nil
        let run = { (stackLimit: UInt) throws(JSONataError) -> T in
            let evaluator = Evaluator(environment: environment, stackLimit: stackLimit, isCancelled: isCancelled)
            // The result is converted by `finish`; after that no function of this evaluation is called.
            do throws(JSONataError) {
                let result = try finish(try evaluator.evaluateRoot(ast, input, bindings: bindings))
                evaluator.releaseFrames()
                return result
            } catch {
                if error.code == "U1003" { stopped = evaluator } else { evaluator.releaseFrames() }
                throw error
            }
        }
        let release = {
            stopped?.releaseFrames()
            stopped = nil
        }
        let needed = StackBounds.requiredBytes(forDepth: environment.maximumDepth)
        if let limit = StackBounds.limitIfAvailable(bytes: needed) {
            defer { release() }
            return try run(limit)
        }
        return try StackBounds.runOnLargeStack(bytes: needed, run, leftovers: release)
    }
}
