/// A function signature such as `<s-nn?:s>`, used to check and coerce arguments.
///
/// Each parameter matches one argument type symbol (`s` string, `n` number,
/// `b` boolean, `l` null, `a` array, `o` object, `f` function, `j` any JSON,
/// `x` anything, `(sn)` a choice); `?` makes it optional, `+` repeatable and
/// `-` takes the context value when the argument is missing. Missing
/// arguments are written `m` while matching.
struct Signature: @unchecked Sendable {
    // @unchecked: immutable after parsing.

    struct Parameter {
        enum Quantity { case one, optional, oneOrMore }
        var type: String = ""
        var symbols: Set<Character> = []
        var quantity = Quantity.one
        var usesContext = false
        var subtype: String? = nil
    }

    var parameters: [Parameter] = []
    let text: String

    init(_ text: String) throws(JSONataError) {
        self.text = text
        let chars = Array(text)
        var position = 1  // skip '<'
        var pending: Parameter? = nil
        func flush() {
            if let p = pending { parameters.append(p) }
            pending = nil
        }
        while position < chars.count {
            let symbol = chars[position]
            if symbol == ":" { break }
            switch symbol {
            case "s", "n", "b", "l", "o":
                flush()
                pending = Parameter(type: String(symbol), symbols: [symbol, "m"])
            case "a":
                flush()
                pending = Parameter(type: "a", symbols: Set("asnblfom"))
            case "f":
                flush()
                pending = Parameter(type: "f", symbols: ["f"])
            case "j":
                flush()
                pending = Parameter(type: "j", symbols: Set("asnblom"))
            case "x":
                flush()
                pending = Parameter(type: "x", symbols: Set("asnblfom"))
            case "-":
                pending?.usesContext = true
                pending?.quantity = .optional
            case "?":
                pending?.quantity = .optional
            case "+":
                pending?.quantity = .oneOrMore
            case "(":
                flush()
                guard let end = Signature.closing(chars, from: position, open: "(", close: ")") else {
                    throw JSONataError("S0401", position: position)
                }
                let choice = String(chars[(position + 1)..<end])
                if choice.contains("<") { throw JSONataError("S0402", position: position, value: .string(choice)) }
                pending = Parameter(type: "(" + choice + ")", symbols: Set(choice + "m"))
                position = end
            case "<":
                guard let type = pending?.type, type == "a" || type == "f" else {
                    throw JSONataError("S0401", position: position, value: .string(pending?.type ?? ""))
                }
                guard let end = Signature.closing(chars, from: position, open: "<", close: ">") else {
                    throw JSONataError("S0401", position: position)
                }
                pending?.subtype = String(chars[(position + 1)..<end])
                position = end
            default:
                break
            }
            position += 1
        }
        flush()
    }

    private static func closing(_ chars: [Character], from start: Int, open: Character, close: Character) -> Int? {
        var depth = 1
        var i = start + 1
        while i < chars.count {
            if chars[i] == open { depth += 1 }
            if chars[i] == close {
                depth -= 1
                if depth == 0 { return i }
            }
            i += 1
        }
        return nil
    }

    /// Assigns each supplied symbol to a parameter, greedily with backtracking
    /// like the regular expression the reference implementation builds.
    private func match(_ symbols: [Character]) -> [Range<Int>]? {
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(parameters.count)
        return attempt(0, 0, symbols, &ranges) ? ranges : nil
    }

    private func attempt(_ p: Int, _ s: Int, _ symbols: [Character], _ ranges: inout [Range<Int>]) -> Bool {
        if p == parameters.count { return s == symbols.count }
        let param = parameters[p]
        var maximum = s
        while maximum < symbols.count, param.symbols.contains(symbols[maximum]) {
            maximum += 1
            if param.quantity != .oneOrMore { break }
        }
        let minimum = param.quantity == .optional ? s : s + 1
        var end = maximum
        while end >= minimum {
            ranges.append(s..<end)
            if attempt(p + 1, end, symbols, &ranges) { return true }
            ranges.removeLast()
            end -= 1
        }
        return false
    }

    /// Checks `args` against the signature, fills in the context value and
    /// wraps single values given for array parameters.
    func validate(_ args: [JSONataValue?], context: JSONataValue?, token: String?) throws(JSONataError)
        -> [JSONataValue?]
    {
        let symbols = args.map { $0?.signatureSymbol ?? "m" }
        guard let ranges = match(symbols) else {
            throw failure(args, symbols, token: token)
        }
        var validated: [JSONataValue?] = []
        var argIndex = 0
        for (index, param) in parameters.enumerated() {
            let range = ranges[index]
            if range.isEmpty {
                if param.usesContext {
                    let contextSymbol = context?.signatureSymbol ?? "m"
                    guard param.symbols.contains(contextSymbol) else {
                        throw JSONataError("T0411", token: token, value: context,
                                           message: "Context value does not match the signature of \(token ?? "function") (argument \(argIndex + 1))")
                    }
                    validated.append(context)
                } else {
                    validated.append(argIndex < args.count ? args[argIndex] : nil)
                    argIndex += 1
                }
                continue
            }
            for position in range {
                let single = symbols[position]
                var arg = argIndex < args.count ? args[argIndex] : nil
                if param.type == "a" {
                    if single == "m" {
                        arg = nil
                    } else {
                        if let subtype = param.subtype {
                            var ok = true
                            if single != "a" {
                                ok = String(single) == subtype
                            } else if case .array(let array)? = arg, let first = array.items.first {
                                let itemType = first.signatureSymbol
                                ok = String(itemType) == String(subtype.prefix(1))
                                    && array.items.allSatisfy { $0.signatureSymbol == itemType }
                            }
                            if !ok {
                                throw JSONataError("T0412", token: token, value: arg,
                                                   message: "Argument \(argIndex + 1) of \(token ?? "function") must be an array of \(subtype)")
                            }
                        }
                        if single != "a", let value = arg { arg = .array(ValueArray([value])) }
                    }
                }
                validated.append(arg)
                argIndex += 1
            }
        }
        return validated
    }

    private func failure(_ args: [JSONataValue?], _ symbols: [Character], token: String?) -> JSONataError {
        // find the first argument that cannot be matched by a growing prefix of the signature
        var goodTo = 0
        for count in 1...max(parameters.count, 1) where count <= parameters.count {
            let prefix = Signature(parameters: Array(parameters.prefix(count)), text: text)
            if let matched = prefix.longestPrefixMatch(symbols) {
                goodTo = matched
            } else {
                break
            }
        }
        let value = goodTo < args.count ? args[goodTo] : nil
        return JSONataError("T0410", token: token, value: value,
                            message: "Argument \(goodTo + 1) of function \(token ?? "") does not match the function signature")
    }

    private init(parameters: [Parameter], text: String) {
        self.parameters = parameters
        self.text = text
    }

    private func longestPrefixMatch(_ symbols: [Character]) -> Int? {
        var n = symbols.count
        while n >= 0 {
            if match(Array(symbols.prefix(n))) != nil { return n }
            n -= 1
        }
        return nil
    }
}
