import JSONCore

/// A function value: a lambda, a built-in, a registered native function, a
/// regular expression, a partial application or a composition.
final class FunctionValue {
    struct Lambda {
        let body: Node
        let parameters: [String]
        let signature: Signature?
        let environment: Frame
        let input: JSONataValue?
        let isThunk: Bool
    }

    enum Kind {
        case lambda(Lambda)
        case builtin(Builtin)
        case native(name: String, NativeFunction)
        case regex(RegexLiteral)
        /// A function with some arguments fixed; `nil` slots in `arguments` are the `?` holes.
        case partial(FunctionValue, arguments: [JSONataValue?], holes: [Int])
        /// `f ~> g` with both sides functions: `g(f(x))`.
        case composition(FunctionValue, FunctionValue)
        /// A transform expression `| pattern | update, delete |`.
        case transform(Node, Frame)
        /// An internal helper such as a match result's `next`.
        case closure(arity: Int, (Evaluator, [JSONataValue?]) throws(JSONataError) -> JSONataValue?)
    }

    let kind: Kind

    init(_ kind: Kind) { self.kind = kind }

    var signature: Signature? {
        switch kind {
        case .lambda(let lambda): return lambda.signature
        case .builtin(let builtin): return builtin.signature
        case .native(_, let native): return native.signature
        case .regex, .partial, .composition, .closure: return nil
        case .transform: return Builtin.transformSignature
        }
    }

    /// The number of parameters, which decides how many arguments higher-order functions pass.
    var arity: Int {
        switch kind {
        case .lambda(let lambda): return lambda.parameters.count
        case .builtin(let builtin): return builtin.arity
        case .native(_, let native): return native.signature?.parameters.count ?? 1
        case .regex: return 1
        case .partial(_, _, let holes): return holes.count
        case .composition: return 1
        case .transform: return 1
        case .closure(let arity, _): return arity
        }
    }
}

/// A function registered through ``JSONataEnvironment/register(function:signature:_:)``.
struct NativeFunction: Sendable {
    let signature: Signature?
    let body: @Sendable ([JSONValue?]) throws(JSONataError) -> JSONValue?
}
