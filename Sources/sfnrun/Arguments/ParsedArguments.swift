/// The options and operands of one command line, as the parser found them.
struct ParsedArguments: Sendable, Hashable {
    /// The values of options with values, by long name.
    var values: [String: String] = [:]
    /// The flags given, by long name.
    var flags: Set<String> = []
    /// The operands in order (`-` stands for standard input).
    var operands: [String] = []

    /// The value of `--name`, if given.
    func value(_ name: String) -> String? { values[name] }

    /// Whether the flag `--name` was given.
    func flag(_ name: String) -> Bool { flags.contains(name) }

    /// Whether `--name` was given at all (flag or value).
    func has(_ name: String) -> Bool { values[name] != nil || flags.contains(name) }
}
