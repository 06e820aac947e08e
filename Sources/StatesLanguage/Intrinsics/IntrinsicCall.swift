/// A compiled intrinsic function call such as `States.Format('Hello, {}', $.name)`.
///
/// Intrinsic functions appear as the value of a `"key.$"` field in
/// `Parameters`, `ResultSelector`, `ItemSelector` and similar templates (and in
/// a Fail state's `ErrorPath`/`CausePath`). Arguments are single-quoted string
/// literals (with `\'`, `\{`, `\}` and `\\` escapes), numbers, `true`,
/// `false`, `null`, paths into the input (`$.x`) or the context object
/// (`$$.Execution.Id`), and nested calls, up to ten levels deep.
///
/// The text is parsed once, when the definition is loaded: an unknown function
/// name or malformed call is a definition error, and so are a wrong number of
/// arguments, a literal of the wrong type, a bad escape in a string literal and an
/// unknown hash algorithm (`definitionChecks`). Misuse that depends on the data (a
/// path selecting the wrong type, an index out of range) fails the state at run
/// time with `States.Runtime` and the cause `The function '<call>' had the
/// following error: <why>`, as Step Functions reports intrinsic failures
/// (`States.IntrinsicFailure` is reserved).
///
/// ```swift
/// let call = try IntrinsicCall(parsing: "States.Format('{} has {} items', $.name, States.ArrayLength($.items))")
/// ```
///
/// See <https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html>.
public struct IntrinsicCall: Sendable, Hashable, CustomStringConvertible {
    /// The call as written.
    public let text: String
    /// The function called.
    let function: IntrinsicFunction
    /// The compiled arguments, in order.
    let arguments: [IntrinsicArgument]

    /// Parses an intrinsic function call.
    ///
    /// - Parameter text: the call, such as `States.Array($.a, 'b', 3)`.
    /// - Throws: ``PathSyntaxError`` for malformed text, an unknown function, a
    ///   malformed path argument, or nesting deeper than ten calls.
    public init(parsing text: String) throws(PathSyntaxError) {
        var parser = IntrinsicParser(text: text)
        self = try parser.parseCall()
    }

    init(text: String, function: IntrinsicFunction, arguments: [IntrinsicArgument]) {
        self.text = text
        self.function = function
        self.arguments = arguments
    }

    /// The call as written.
    public var description: String { text }

    /// Two calls are equal when they are written the same way.
    public static func == (lhs: IntrinsicCall, rhs: IntrinsicCall) -> Bool { lhs.text == rhs.text }

    /// Hashes the call text.
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }

    /// Whether `text` looks like an intrinsic call rather than a path: it starts with `States.`.
    package static func isCall(_ text: String) -> Bool { text.hasPrefix("States.") }

    /// Evaluates the call.
    ///
    /// - Parameter environment: the state input (`$`) and context object (`$$`).
    /// - Returns: the function's result.
    /// - Throws: `States.Runtime` when an argument path selects nothing or the
    ///   function rejects its arguments; the cause names the function and argument.
    package func evaluate(in environment: PathEnvironment) throws(StatesError) -> JSONValue {
        try evaluate(in: environment, field: nil)
    }

    /// Evaluates the call for the definition field `field` (such as `"id.$"` or `"CausePath"`).
    ///
    /// Failures, including those of nested calls and of path arguments that select nothing, name
    /// the whole call as written, as Step Functions does:
    /// `The function 'States.Format('{}', $.x)' had the following error: The JsonPath argument for
    /// the field '$.x' could not be found in the input '{…}'`.
    package func evaluate(in environment: PathEnvironment, field: String?) throws(StatesError) -> JSONValue {
        do {
            return try value(in: environment)
        } catch {
            throw .runtime("The function '\(text)' had the following error: \(error.message)")
        }
    }

    private func value(in environment: PathEnvironment) throws(IntrinsicFailure) -> JSONValue {
        var values: [JSONValue] = []
        values.reserveCapacity(arguments.count)
        for argument in arguments {
            switch argument {
            case .literal(let value):
                values.append(value)
            case .string(let literal):
                if let problem = literal.problem { throw IntrinsicFailure(message: problem) }
                values.append(.string(literal.value))
            case .path(let path):
                let selected: JSONValue?
                do {
                    selected = try path.value(in: environment)
                } catch {
                    throw IntrinsicFailure(message: error.cause ?? error.description)
                }
                guard let value = selected else {
                    let document = path.isContextPath ? environment.context : environment.input
                    throw IntrinsicFailure(
                        message:
                            "The JsonPath argument for the field '\(path.text)' could not be found in the input '\(document.jsonString())'"
                    )
                }
                values.append(value)
            case .call(let call):
                values.append(try call.value(in: environment))
            }
        }
        return try function.apply(to: values, arguments: arguments)
    }
}

/// One compiled argument of an intrinsic call.
enum IntrinsicArgument: Sendable, Hashable {
    /// A number, `true`, `false` or `null`.
    case literal(JSONValue)
    /// A single-quoted string.
    case string(IntrinsicString)
    /// `$…` or `$$…`.
    case path(JSONPath)
    /// A nested call.
    case call(IntrinsicCall)
}

/// A single-quoted string argument, kept with the `{}` placeholders `States.Format` fills.
struct IntrinsicString: Sendable, Hashable {
    /// The text with escapes resolved.
    var value: String
    /// The text split at each unescaped `{}`; an escaped `\{\}` stays inside a piece.
    var formatPieces: [String]
    /// Why the literal is unusable (an escape other than `\'`, `\{`, `\}`, `\\`).
    /// Step Functions refuses such a definition (recorded for an escaped double quote); a call
    /// parsed on its own, outside a definition, reports it when evaluated.
    var problem: String?
}
