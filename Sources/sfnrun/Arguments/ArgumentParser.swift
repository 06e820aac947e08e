import StatesLanguage

/// Splits a command's arguments into options and operands by its option table.
///
/// Rules: `--name value` and `--name=value`; one-letter aliases (`-h`); `--` ends
/// the options (everything after is an operand); `-` alone is an operand meaning
/// standard input. An option's value may not start with `-` unless it is `-`
/// itself or given as `--name=-value`. Unknown options, missing or unexpected
/// values, values outside a closed set and repeated options (except those marked
/// repeatable) are usage errors; unknown options come with a suggestion.
enum ArgumentParser {
    /// Parses `arguments` (without the command name) against `help`'s option table.
    ///
    /// - Throws: ``UsageError`` naming the offending argument.
    static func parse(_ arguments: [String], for help: CommandHelp) throws(UsageError) -> ParsedArguments {
        let options = help.allOptions
        var parsed = ParsedArguments()
        var index = 0
        var seen: Set<String> = []

        func record(_ option: OptionSpec, value: String?, spelled: String) throws(UsageError) {
            guard option.isRepeatable || seen.insert(option.name).inserted else {
                throw UsageError("option '--\(option.name)' is given more than once")
            }
            guard let value else {
                parsed.flags.insert(option.name)
                return
            }
            if let allowed = option.allowedValues, !allowed.contains(value) {
                var message = "invalid value '\(value)' for '\(spelled)' (expected \(allowed.joined(separator: " or ")))"
                if let guess = Suggestion.closest(to: value, among: allowed) { message += "; did you mean '\(guess)'?" }
                throw UsageError(message)
            }
            if option.isRepeatable {
                parsed.repeatedValues[option.name, default: []].append(value)
            } else {
                parsed.values[option.name] = value
            }
        }

        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument == "--" {
                parsed.operands += arguments[index...]
                break
            }
            if argument == "-" || !argument.hasPrefix("-") {
                parsed.operands.append(argument)
                continue
            }
            let option: OptionSpec
            var inlineValue: String?
            let spelled: String
            if argument.hasPrefix("--") {
                let body = argument.dropFirst(2)
                let name: Substring
                if let equals = body.firstIndex(of: "=") {
                    name = body[..<equals]
                    inlineValue = String(body[body.index(after: equals)...])
                } else {
                    name = body
                }
                spelled = "--\(name)"
                guard let found = options.first(where: { $0.name == name }) else {
                    throw unknown(spelled, options: options)
                }
                option = found
            } else {
                spelled = argument
                guard argument.count == 2, let found = options.first(where: { $0.short == argument.last }) else {
                    throw unknown(argument, options: options)
                }
                option = found
            }
            if option.takesValue {
                if let inlineValue {
                    try record(option, value: inlineValue, spelled: spelled)
                } else {
                    guard index < arguments.count, arguments[index] == "-" || !arguments[index].hasPrefix("-") else {
                        throw UsageError(
                            "option '\(spelled)' needs a value (\(option.valueName ?? "VALUE")); write '\(spelled)=VALUE' for a value starting with '-'")
                    }
                    try record(option, value: arguments[index], spelled: spelled)
                    index += 1
                }
            } else {
                if inlineValue != nil { throw UsageError("option '\(spelled)' does not take a value") }
                try record(option, value: nil, spelled: spelled)
            }
        }
        return parsed
    }

    /// Whether `-h` or `--help` appears before any `--`: help wins over every other problem.
    static func asksForHelp(_ arguments: [String]) -> Bool {
        for argument in arguments {
            if argument == "--" { return false }
            if argument == "-h" || argument == "--help" { return true }
        }
        return false
    }

    private static func unknown(_ spelled: String, options: [OptionSpec]) -> UsageError {
        let names = options.map { "--\($0.name)" }
        var message = "unknown option '\(spelled)'"
        let typed = spelled.hasPrefix("--") ? spelled : "-" + spelled
        if let guess = Suggestion.closest(to: typed, among: names) { message += " (did you mean '\(guess)'?)" }
        return UsageError(message)
    }
}
