// Definition-time checks of intrinsic calls.
// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html

extension IntrinsicCall {
    /// A problem found in a call when its definition is compiled.
    struct Check: Sendable, Hashable {
        /// Whether AWS refuses the definition (an error) or accepts it and fails the call whenever it
        /// runs (a warning).
        var isError: Bool
        var message: String
    }

    /// What is wrong with the call and its nested calls, before any input exists.
    ///
    /// Errors are what AWS refuses when the state machine is created: a string literal with an
    /// escape other than `\'`, `\{`, `\}` and `\\` (recorded: `'{"text":"An \"escaped double
    /// quote\" here"}'` is refused with "must be a valid JSONPath or a valid intrinsic function
    /// call"), a wrong number of arguments, a literal of the wrong type, an unknown hash algorithm.
    /// Warnings are calls whose literal arguments fail every time the state runs: the call is
    /// evaluated here when no argument depends on the input (`States.ArrayRange(1, 2, 0)`,
    /// `States.StringToJson('{')`), and a literal `States.Format` template is checked against its
    /// number of values.
    var definitionChecks: [Check] {
        var checks: [Check] = []
        collectChecks(into: &checks)
        if checks.isEmpty, case .failure(let failure) = constantValue() {
            checks.append(Check(isError: false, message: "'\(failure.call)' fails whenever it runs: \(failure.message)"))
        }
        return checks
    }

    private func collectChecks(into checks: inout [Check]) {
        let signature = function.signature
        if !signature.arity.contains(arguments.count) {
            let expected =
                signature.arity.upperBound == Int.max
                ? "at least \(signature.arity.lowerBound)"
                : signature.arity.lowerBound == signature.arity.upperBound
                    ? "\(signature.arity.lowerBound)" : "\(signature.arity.lowerBound) to \(signature.arity.upperBound)"
            checks.append(
                Check(
                    isError: true,
                    message: "\(function.rawValue) takes \(expected) argument\(expected == "1" ? "" : "s"), got \(arguments.count) in '\(text)'"))
        }
        for (index, argument) in arguments.enumerated() {
            let kind = signature.kind(at: index)
            switch argument {
            case .string(let literal):
                if let problem = literal.problem { checks.append(Check(isError: true, message: "\(problem) in '\(text)'")) }
                if !kind.accepts(.string(literal.value)) {
                    checks.append(wrongLiteral(index, kind, .string(literal.value)))
                } else if function == .hash, index == 1, HashAlgorithm(rawValue: literal.value) == nil {
                    let names = HashAlgorithm.allCases.map(\.rawValue).joined(separator: ", ")
                    checks.append(
                        Check(
                            isError: true,
                            message: "States.Hash does not know the algorithm '\(literal.value)' (use one of \(names)) in '\(text)'"))
                }
            case .literal(let value):
                if !kind.accepts(value) { checks.append(wrongLiteral(index, kind, value)) }
            case .call(let call):
                call.collectChecks(into: &checks)
            case .path:
                break
            }
        }
        if function == .format, case .string(let template)? = arguments.first, template.problem == nil {
            let placeholders = template.formatPieces.count - 1
            if placeholders != arguments.count - 1 {
                checks.append(
                    Check(
                        isError: false,
                        message: "'\(text)' fails whenever it runs: its template has \(placeholders) placeholder\(placeholders == 1 ? "" : "s") but \(arguments.count - 1) value\(arguments.count == 2 ? " is" : "s are") given"))
            }
        }
    }

    private func wrongLiteral(_ index: Int, _ kind: IntrinsicFunction.Signature.Kind, _ value: JSONValue) -> Check {
        Check(
            isError: true,
            message: "the \(function.ordinal(index)) argument of \(function.rawValue) must be \(kind.description), got \(value.typeName) \(value.jsonString()) in '\(text)'")
    }

    private struct ConstantFailure: Error {
        var call: String
        var message: String
    }

    /// The call's value when no argument depends on the input: `.success(nil)` when one does.
    private func constantValue() -> Result<JSONValue?, ConstantFailure> {
        var values: [JSONValue] = []
        for argument in arguments {
            switch argument {
            case .literal(let value): values.append(value)
            case .string(let literal): values.append(.string(literal.value))
            case .path: return .success(nil)
            case .call(let call):
                switch call.constantValue() {
                case .success(let value?): values.append(value)
                case .success(nil): return .success(nil)
                case .failure(let failure): return .failure(failure)
                }
            }
        }
        do {
            return .success(try function.apply(to: values, arguments: arguments))
        } catch {
            return .failure(ConstantFailure(call: text, message: error.message))
        }
    }
}

extension IntrinsicFunction {
    /// How many arguments a function takes and what kind of literal each may be.
    struct Signature: Sendable {
        /// What a literal argument may be; paths and nested calls are checked when the state runs.
        enum Kind: Sendable, CustomStringConvertible {
            case string, number, boolean, array, object, any

            func accepts(_ value: JSONValue) -> Bool {
                switch (self, value) {
                case (.any, _), (.string, .string), (.number, .number), (.boolean, .bool): return true
                default: return false
                }
            }

            var description: String {
                switch self {
                case .string: return "a string"
                case .number: return "a number"
                case .boolean: return "a boolean"
                case .array: return "an array (a path or a call)"
                case .object: return "an object (a path or a call)"
                case .any: return "a value"
                }
            }
        }

        var arity: ClosedRange<Int>
        /// The kind of each argument; the last repeats for variadic functions.
        var kinds: [Kind]

        func kind(at index: Int) -> Kind { kinds.isEmpty ? .any : kinds[min(index, kinds.count - 1)] }
    }

    var signature: Signature {
        switch self {
        case .format: return Signature(arity: 1...Int.max, kinds: [.string, .any])
        case .stringToJson: return Signature(arity: 1...1, kinds: [.string])
        case .jsonToString: return Signature(arity: 1...1, kinds: [.any])
        case .array: return Signature(arity: 0...Int.max, kinds: [.any])
        case .arrayPartition: return Signature(arity: 2...2, kinds: [.array, .number])
        case .arrayContains: return Signature(arity: 2...2, kinds: [.array, .any])
        case .arrayRange: return Signature(arity: 3...3, kinds: [.number, .number, .number])
        case .arrayGetItem: return Signature(arity: 2...2, kinds: [.array, .number])
        case .arrayLength, .arrayUnique: return Signature(arity: 1...1, kinds: [.array])
        case .base64Encode, .base64Decode: return Signature(arity: 1...1, kinds: [.string])
        case .hash: return Signature(arity: 2...2, kinds: [.string, .string])
        case .jsonMerge: return Signature(arity: 3...3, kinds: [.object, .object, .boolean])
        case .mathRandom: return Signature(arity: 2...3, kinds: [.number, .number, .number])
        case .mathAdd: return Signature(arity: 2...2, kinds: [.number, .number])
        case .stringSplit: return Signature(arity: 2...2, kinds: [.string, .string])
        case .uuid: return Signature(arity: 0...0, kinds: [])
        }
    }
}
