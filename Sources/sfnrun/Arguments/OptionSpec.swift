/// One option a command accepts: the single source for both the parser and the help text.
struct OptionSpec: Sendable, Hashable {
    /// The long name without dashes (`input` for `--input`).
    var name: String
    /// A one-letter alias (`h` for `-h`), if any.
    var short: Character?
    /// The placeholder of the option's value (`JSON`), or `nil` for a flag.
    var valueName: String?
    /// The values allowed, when the set is closed (`text`, `json`).
    var allowedValues: [String]?
    /// One line of help.
    var help: String

    /// A flag: present or not.
    static func flag(_ name: String, short: Character? = nil, help: String) -> OptionSpec {
        OptionSpec(name: name, short: short, valueName: nil, allowedValues: nil, help: help)
    }

    /// An option with a value.
    static func value(
        _ name: String, _ valueName: String, short: Character? = nil, allowed: [String]? = nil, help: String
    ) -> OptionSpec {
        OptionSpec(name: name, short: short, valueName: valueName, allowedValues: allowed, help: help)
    }

    /// `--help`, accepted by every command.
    static let help = OptionSpec.flag("help", short: "h", help: "Show this help and exit.")

    /// Whether the option takes a value.
    var takesValue: Bool { valueName != nil }

    /// `--input <json>`, `--output text|json` or `-h, --help`, as shown in help text.
    var synopsis: String {
        var text = short.map { "-\($0), " } ?? ""
        text += "--\(name)"
        if let allowedValues {
            text += " " + allowedValues.joined(separator: "|")
        } else if let valueName {
            text += " \(valueName)"
        }
        return text
    }
}
