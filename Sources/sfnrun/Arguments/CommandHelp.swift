/// A command's name, option table and help text: what `--help` prints and what the parser accepts.
struct CommandHelp: Sendable {
    /// The command's name (`start`).
    var name: String
    /// One line saying what the command does.
    var summary: String
    /// The usage lines, without the leading `sfnrun `.
    var usage: [String]
    /// The operands: placeholder and help.
    var operands: [(name: String, help: String)]
    /// The options, without `--help` (every command has it).
    var options: [OptionSpec]
    /// Extra paragraphs printed after the options.
    var discussion: String?
    /// Example command lines.
    var examples: [String]

    /// Every option the parser accepts, `--help` included.
    var allOptions: [OptionSpec] { options + [.help] }

    /// The first usage line, as printed under a usage error.
    var usageLine: String { "usage: sfnrun \(usage.first ?? name)" }

    /// The full help text.
    var text: String {
        var lines = ["OVERVIEW: \(summary)", "", "USAGE:"]
        lines += usage.map { "  sfnrun \($0)" }
        if !operands.isEmpty {
            lines += ["", "ARGUMENTS:"]
            lines += operands.map { CommandHelp.row($0.name, $0.help) }
        }
        lines += ["", "OPTIONS:"]
        lines += allOptions.map { CommandHelp.row($0.synopsis, $0.help) }
        if let discussion { lines += ["", discussion] }
        if !examples.isEmpty {
            lines += ["", "EXAMPLES:"]
            lines += examples.map { "  \($0)" }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `  name      help`, wrapping to the next line when the name is too wide for the column.
    static func row(_ name: String, _ help: String) -> String {
        let width = 28
        let lead = "  " + name
        if lead.count >= width - 1 { return lead + "\n" + String(repeating: " ", count: width) + help }
        return lead + String(repeating: " ", count: width - lead.count) + help
    }
}
