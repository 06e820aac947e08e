/// The options and operands of one command line, as the parser found them.
struct ParsedArguments: Sendable, Hashable {
    /// The values of options with values, by long name.
    var values: [String: String] = [:]
    /// The values of repeatable options, in the order given, by long name.
    var repeatedValues: [String: [String]] = [:]
    /// The flags given, by long name.
    var flags: Set<String> = []
    /// The operands in order (`-` stands for standard input).
    var operands: [String] = []

    /// The value of `--name`, if given.
    func value(_ name: String) -> String? { values[name] }

    /// Every value of the repeatable option `--name`, in order (none when not given).
    func values(_ name: String) -> [String] { repeatedValues[name] ?? [] }

    /// Whether the flag `--name` was given.
    func flag(_ name: String) -> Bool { flags.contains(name) }

    /// Whether `--name` was given at all (flag or value).
    func has(_ name: String) -> Bool { values[name] != nil || repeatedValues[name] != nil || flags.contains(name) }
}
