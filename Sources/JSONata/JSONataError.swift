import JSONCore

/// An error raised while parsing or evaluating a JSONata expression.
///
/// `code` is the reference implementation's error code (`S0201` for a syntax
/// error, `T2001` for a non-numeric operand, `D3030` for a failed `$number`
/// conversion, `U1001` for a runaway evaluation, ...), so callers can match on
/// it exactly as with jsonata-js.
///
/// ```swift
/// do { _ = try JSONataExpression("1 +") } catch { print(error.code) } // S0207
/// ```
public struct JSONataError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The error code, such as `T2001`.
    public var code: String
    /// A human-readable explanation.
    public var message: String
    /// The character offset in the expression where the problem was found, when known.
    public var position: Int?
    /// The token (operator or function name) involved, when known.
    public var token: String?
    /// The offending value, when there is one and it is JSON.
    public var value: JSONValue?

    /// Creates an error; the message defaults to a description of `code`.
    ///
    /// - Parameters:
    ///   - code: The error code.
    ///   - message: An explanation; when `nil`, one is derived from the code.
    ///   - position: The character offset in the expression.
    ///   - token: The token involved.
    ///   - value: The offending value.
    public init(code: String, message: String? = nil, position: Int? = nil, token: String? = nil,
                value: JSONValue? = nil) {
        self.code = code
        self.position = position
        self.token = token
        self.value = value
        self.message = message ?? JSONataError.describe(code: code, token: token, value: value)
    }

    /// The code, message and position in one line.
    public var description: String {
        var text = "\(code): \(message)"
        if let position { text += " (at position \(position))" }
        return text
    }
}

extension JSONataError {
    init(_ code: String, token: String? = nil, position: Int? = nil, value: JSONataValue? = nil,
         message: String? = nil) {
        self.init(code: code, message: message, position: position, token: token,
                  value: value.flatMap { $0.jsonValue })
    }

    static func describe(code: String, token: String?, value: JSONValue?) -> String {
        let tokenText = token ?? "?"
        let valueText = value.map { $0.jsonString() } ?? "undefined"
        switch code {
        case "S0101": return "A string literal is not terminated"
        case "S0102": return "The number literal is out of range"
        case "S0103": return "Unsupported escape sequence in a string literal"
        case "S0104": return "A \\u escape must be followed by four hexadecimal digits"
        case "S0105": return "A quoted property name (backtick) is not terminated"
        case "S0106": return "A comment is not terminated"
        case "S0201": return "Syntax error at \(tokenText)"
        case "S0202": return "Expected a different token before \(tokenText)"
        case "S0203": return "Expected a token before the end of the expression"
        case "S0204": return "Unknown operator \(tokenText)"
        case "S0205": return "Unexpected token \(tokenText)"
        case "S0206": return "Unknown expression type \(tokenText)"
        case "S0207": return "Unexpected end of expression"
        case "S0208": return "Function parameters must be variables ($name)"
        case "S0209": return "A predicate cannot follow a grouping expression in a step"
        case "S0210": return "Each step can only have one grouping expression"
        case "S0211": return "The symbol \(tokenText) cannot be used as a unary operator"
        case "S0212": return "The left side of := must be a variable name ($name)"
        case "S0213": return "A literal value cannot be a step in a path expression"
        case "S0214": return "The right side of \(tokenText) must be a variable name ($name)"
        case "S0215": return "A context variable binding must precede any predicates on a step"
        case "S0216": return "A context variable binding must precede the order-by clause on a step"
        case "S0217": return "The parent operator cannot be resolved in this position"
        case "S0301": return "Empty regular expressions are not allowed"
        case "S0302": return "A regular expression is not terminated"
        case "S0401": return "Type parameters only apply to functions and arrays in a signature"
        case "S0402": return "Choice groups with type parameters are not supported in a signature"
        case "S0500": return "Expressions given to $eval could not be parsed"
        case "T0410": return "Argument of function \(tokenText) does not match the function signature"
        case "T0411": return "The context value does not match the signature of function \(tokenText)"
        case "T0412": return "An array argument of function \(tokenText) holds values of the wrong type"
        case "D1001": return "Number out of range: \(valueText)"
        case "D1002": return "Cannot negate a non-numeric value: \(valueText)"
        case "T1003": return "Object keys must be strings, got \(valueText)"
        case "D1004": return "The regular expression matches an empty string"
        case "T1005": return "Function \(tokenText) is not defined (did you forget the leading $?)"
        case "T1006": return "Attempted to invoke something that is not a function"
        case "T1007": return "Partial application of \(tokenText), which is not defined (did you forget the leading $?)"
        case "T1008": return "Partial application of something that is not a function"
        case "D1009": return "Several key expressions produced the same key: \(valueText)"
        case "T1010": return "The matcher function did not return the expected structure"
        case "T2001": return "The left side of \(tokenText) must evaluate to a number"
        case "T2002": return "The right side of \(tokenText) must evaluate to a number"
        case "T2003": return "The left side of the range operator must evaluate to an integer"
        case "T2004": return "The right side of the range operator must evaluate to an integer"
        case "D2005": return "The left side of := must be a variable name ($name)"
        case "T2006": return "The right side of ~> must be a function"
        case "T2007": return "Values of different types cannot be compared"
        case "T2008": return "Sort keys must be strings or numbers"
        case "T2009": return "The values on both sides of \(tokenText) must be of the same type"
        case "T2010": return "The values on both sides of \(tokenText) must be numbers or strings"
        case "T2011": return "The insert/update clause of a transform must evaluate to an object: \(valueText)"
        case "T2012": return "The delete clause of a transform must evaluate to a string or array of strings"
        case "T2013": return "The transform operator must be applied to an object or array"
        case "D2014": return "The range operator would produce more than 10,000,000 items"
        case "D3001": return "Infinite or NaN numbers cannot be turned into strings"
        case "D3010": return "The second argument of $replace cannot be an empty string"
        case "D3011": return "The fourth argument of $replace must be a non-negative number"
        case "D3012": return "The replacement function must return a string"
        case "D3020": return "The third argument of $split must be a non-negative number"
        case "D3030": return "Unable to cast value to a number: \(valueText)"
        case "D3040": return "The third argument of $match must be a non-negative number"
        case "D3050": return "The second argument of $reduce must be a function with at least two parameters"
        case "D3060": return "The $sqrt function cannot be applied to a negative number: \(valueText)"
        case "D3061": return "The power function produced a number that cannot be represented"
        case "D3070": return "The single argument form of $sort only sorts arrays of all strings or all numbers"
        case "D3080": return "The picture string must only contain a maximum of two sub-pictures"
        case "D3081": return "A sub-picture must not contain more than one decimal separator"
        case "D3082": return "A sub-picture must not contain more than one percent character"
        case "D3083": return "A sub-picture must not contain more than one per-mille character"
        case "D3084": return "A sub-picture must not contain both a percent and a per-mille character"
        case "D3085": return "A sub-picture must contain at least one digit or zero-digit character"
        case "D3086": return "A sub-picture must not contain a passive character between active characters"
        case "D3087": return "A grouping separator must not be next to a decimal separator"
        case "D3088": return "A sub-picture must not end with a grouping separator"
        case "D3089": return "A sub-picture must not contain two adjacent grouping separators"
        case "D3090": return "The integer part of a sub-picture must not have an optional digit after a mandatory digit"
        case "D3091": return "The fractional part of a sub-picture must not have a mandatory digit after an optional digit"
        case "D3092": return "A sub-picture with an exponent must not contain a percent or per-mille character"
        case "D3093": return "The exponent part of a sub-picture must be digits only and not empty"
        case "D3100": return "The radix of $formatBase must be between 2 and 36: \(valueText)"
        case "D3110": return "The timezone must be given as ±HHMM"
        case "D3120": return "Syntax error in the expression passed to $eval"
        case "D3121": return "Dynamic error evaluating the expression passed to $eval"
        case "D3130": return "The picture string does not describe a supported format"
        case "D3131": return "The name of a date component cannot be formatted as a number"
        case "D3132": return "Unknown date/time component specifier"
        case "D3133": return "The picture string cannot be used to parse a date"
        case "D3134": return "The date cannot be parsed: the picture string has too many year components"
        case "D3135": return "The date cannot be parsed: the picture string has too many time components"
        case "D3136": return "The date/time components given are not contiguous"
        case "D3137": return "$error() function evaluated"
        case "D3138": return "$single matched more than one value"
        case "D3139": return "$single matched no value"
        case "D3140": return "Malformed URL passed to a decode function: \(valueText)"
        case "D3141": return "$assert() statement failed"
        case "D3150": return "The timezone of a date/time function must be a ±HHMM offset: \(valueText)"
        case "U1001": return "Stack overflow: check for non-terminating recursion, or rewrite it as tail recursion"
        case "U1002": return "Evaluation timeout: check for an infinite loop"
        default: return "Error \(code)"
        }
    }
}
