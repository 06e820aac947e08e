import Foundation
import JSONCore

/// Settings for evaluating JSONata expressions: limits, the clock and extra native functions.
///
/// ```swift
/// var environment = JSONataEnvironment()
/// environment.timeLimit = .seconds(1)
/// environment.register(function: "double", signature: "<n:n>") { args in
///     guard case .number(let n)? = args.first ?? nil else { return nil }
///     return .number(JSONNumber(normalizing: n.doubleValue * 2))
/// }
/// try JSONataExpression("$double(21)").evaluate(nil, environment: environment) // 42
/// ```
public struct JSONataEnvironment: Sendable {
    /// The deepest nesting of evaluation steps allowed; deeper evaluation raises `U1001`.
    ///
    /// Each operator, path step and function body counts as one level, as in
    /// jsonata-js; a non-tail-recursive function uses about three levels per call.
    public var maximumDepth: Int
    /// The longest an evaluation may run before it raises `U1001`; `nil` means no limit.
    public var timeLimit: Duration?
    /// The clock behind `$now()` and `$millis()`, read once per evaluation.
    public var now: @Sendable () -> Date
    /// The deepest a value built during evaluation may nest (arrays and objects); deeper raises `U1002`.
    ///
    /// The default, 512, is the nesting the JSON parser accepts, so every result can be read back.
    public var maximumValueDepth = 512
    /// The most items one array or sequence may hold; more raises `U1002`.
    ///
    /// The default, 10,000,000, is the largest sequence the range operator `..` may build.
    public var maximumSequenceLength = 10_000_000
    /// The most items that the arrays and objects built during one evaluation may hold together,
    /// temporary ones included; more raises `U1002`.
    ///
    /// Every item written into a new array counts one (a range is counted before its items are made),
    /// a new object eight and each member placed in an object three, a function made at run time four:
    /// about what each takes in memory, in units of an array item's 24 bytes. Docs/Compatibility.md
    /// lists what is charged.
    ///
    /// The default, 15,000,000, leaves room for one full-size range (10,000,000 items) and half as
    /// many again, which keeps one evaluation to a few hundred megabytes.
    public var maximumTotalItems = 15_000_000
    /// The most UTF-8 bytes one string may hold; more raises `U1002`.
    ///
    /// The default, 16 MiB, is 64 times Step Functions' 256 KiB payload quota.
    public var maximumStringBytes = 16 << 20
    /// The most UTF-8 bytes the strings that functions and `&` build during one evaluation may hold
    /// together; more raises `U1002`.
    ///
    /// The default, 256 MiB, is a thousand payloads of 256 KiB.
    public var maximumTotalStringBytes = 256 << 20

    var functions: [String: NativeFunction] = [:]

    /// Creates an environment.
    ///
    /// - Parameters:
    ///   - maximumDepth: The evaluation depth limit (default 1,000).
    ///   - timeLimit: The evaluation time limit (default 10 seconds).
    ///   - now: The clock for `$now()` and `$millis()` (default: the system clock).
    public init(maximumDepth: Int = 1_000, timeLimit: Duration? = .seconds(10),
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.maximumDepth = maximumDepth
        self.timeLimit = timeLimit
        self.now = now
    }

    /// Makes a native function callable from expressions as `$name(...)`.
    ///
    /// A registered function replaces a built-in of the same name. It can be
    /// called directly, used with `~>` (the left side becomes the first
    /// argument), passed to higher-order functions and called from lambdas.
    /// Arguments arrive as JSON; `nil` stands for a missing (undefined)
    /// argument, and returning `nil` means "no result".
    ///
    /// - Parameters:
    ///   - name: The function name, with or without the leading `$`.
    ///   - signature: An optional JSONata signature such as `<s-n?:s>`; arguments are
    ///     checked and coerced against it before `body` runs (an invalid signature makes
    ///     every call fail with `S0401`).
    ///   - body: The implementation; throw a ``JSONataError`` to fail the evaluation.
    public mutating func register(function name: String, signature: String?,
                                  _ body: @escaping @Sendable ([JSONValue?]) throws(JSONataError) -> JSONValue?) {
        let key = name.hasPrefix("$") ? String(name.dropFirst()) : name
        var parsed: Signature? = nil
        if let signature {
            do {
                parsed = try Signature(signature)
            } catch {
                let failure = error
                functions[key] = NativeFunction(signature: nil) { _ throws(JSONataError) -> JSONValue? in
                    throw failure
                }
                return
            }
        }
        functions[key] = NativeFunction(signature: parsed, body: body)
    }
}
