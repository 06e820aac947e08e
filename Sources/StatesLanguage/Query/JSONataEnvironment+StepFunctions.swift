import Foundation
import JSONata

// The functions Step Functions adds to JSONata, and the one it removes (`$eval`).
// https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html#jsonata-functions-provided-by-sfn

extension JSONataEnvironment {
    /// An environment for a Step Functions execution: `$now()` and `$millis()` read `clock`, and
    /// `$partition`, `$range`, `$hash`, `$random`, `$uuid` and `$parse` are available.
    static func stepFunctions(clock: any ExecutionClock) -> JSONataEnvironment {
        var environment = JSONataEnvironment(now: { clock.now })
        environment.registerStepFunctionsFunctions()
        return environment
    }

    /// This environment for an evaluation in a durable run's step: `$now()`, `$millis()`, `$uuid()` and
    /// `$random()` give the first run's values on replay. (Evaluation may move to a thread with a larger
    /// stack, where the step's task-local cursor is not visible, so the cursor is bound here.)
    func journaled(by cursor: JournalCursor, clock: any ExecutionClock) -> JSONataEnvironment {
        var environment = self
        environment.now = { cursor.time(clock) }
        environment.registerGeneratedFunctions { make in cursor.value(make) }
        return environment
    }

    /// Registers Step Functions' extra functions.
    mutating func registerStepFunctionsFunctions() {
        registerGeneratedFunctions { make in make() }
        register(function: "partition", signature: "<an:a>") { arguments throws(JSONataError) in
            guard case .array(let items)? = arguments.first ?? nil, !items.isEmpty,
                let size = try Self.integer(arguments, 1, function: "partition"), size > 0
            else { return nil }
            return .array(stride(from: 0, to: items.count, by: size).map { start in
                .array(Array(items[start..<min(start + size, items.count)]))
            })
        }
        register(function: "range", signature: "<nnn?:a>") { arguments throws(JSONataError) in
            guard let start = try Self.integer(arguments, 0, function: "range"),
                let end = try Self.integer(arguments, 1, function: "range"),
                let step = try Self.integer(arguments, 2, function: "range"), step != 0,
                (end - start).signum() * step.signum() >= 0
            else { return nil }
            let count = (end - start) / step + 1
            guard count <= 1_000_000 else {
                throw JSONataError(code: "D3001", message: "$range would produce \(count) values; the limit is 1000000")
            }
            let values = stride(from: start, through: end, by: step).map { JSONValue.integer($0) }
            // A single value is a JSONata singleton sequence: the bare number.
            return values.count == 1 ? values[0] : .array(values)
        }
        register(function: "hash", signature: "<ss?:s>") { arguments throws(JSONataError) in
            guard case .string(let data)? = arguments.first ?? nil,
                arguments.count > 1, case .string(let name)? = arguments[1]
            else { return nil }
            guard let algorithm = HashAlgorithm(rawValue: name) else {
                let names = HashAlgorithm.allCases.map(\.rawValue).joined(separator: ", ")
                throw JSONataError(
                    code: "D3002", message: "$hash: unknown algorithm '\(name)'; use one of \(names)")
            }
            return .string(algorithm.digest(Array(data.utf8)).hexEncodedString)
        }
        register(function: "parse", signature: "<s:x>") { arguments throws(JSONataError) in
            guard case .string(let text)? = arguments.first ?? nil else { return nil }
            do { return try JSONValue(parsing: text) } catch {
                throw JSONataError(code: "D3003", message: "$parse: the string is not valid JSON: \(error)")
            }
        }
        // AWS removes $eval; $parse replaces it.
        register(function: "eval", signature: nil) { _ throws(JSONataError) in
            throw JSONataError(code: "T1006", message: "$eval is not supported in Step Functions; use $parse")
        }
    }

    /// Registers `$random` and `$uuid`, whose values come through `generated` (which a durable run
    /// journals).
    mutating func registerGeneratedFunctions(_ generated: @escaping @Sendable (() -> JSONValue) -> JSONValue) {
        register(function: "random", signature: "<n?:n>") { arguments throws(JSONataError) in
            let seed = try Self.integer(arguments, 0, function: "random")
            let bits: UInt64
            if let seed {
                var generator = SplitMix64(seed: UInt64(bitPattern: Int64(seed)))
                bits = generator.next()
            } else {
                let value = generated {
                    var generator = SystemRandomNumberGenerator()
                    return .string(String(generator.next()))
                }
                bits = value.stringValue.flatMap { UInt64($0) } ?? 0
            }
            // 53 random bits give a uniform double in [0, 1).
            return .number(.double(Double(bits >> 11) / Double(UInt64(1) << 53)))
        }
        register(function: "uuid", signature: "<:s>") { _ throws(JSONataError) in
            generated {
                var generator = SystemRandomNumberGenerator()
                return .string(IntrinsicFunction.makeUUIDv4(using: &generator))
            }
        }
    }

    /// Argument `index` as an integer, rounded towards zero; `nil` when absent.
    private static func integer(_ arguments: [JSONValue?], _ index: Int, function: String) throws(JSONataError) -> Int? {
        guard index < arguments.count, let value = arguments[index] else { return nil }
        guard case .number(let number) = value else {
            throw JSONataError(code: "T0410", message: "Argument \(index + 1) of function $\(function) must be a number")
        }
        let double = number.doubleValue.rounded(.towardZero)
        guard double.magnitude < 9.0e15 else {
            throw JSONataError(code: "D3001", message: "Argument \(index + 1) of function $\(function) is too large")
        }
        return Int(double)
    }
}
