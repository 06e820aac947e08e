import Foundation

/// The sections of an AWS shared config or credentials file.
///
/// The format is the CLI's: `[section]` headers, `key = value` lines, `#` and `;` comments, and
/// nested settings where a key with an empty value is followed by indented `key = value`
/// lines (stored as `parent.key`), as in `[services x]` sections:
///
/// ```ini
/// [services local]
/// ec2 =
///   endpoint_url = http://127.0.0.1:5000
/// ```
struct INIFile: Sendable, Hashable {
    /// Settings by section name (the text between the brackets, trimmed), keys lower-cased.
    var sections: [String: [String: String]] = [:]

    /// Parses `text`; lines that are neither headers, settings nor comments are ignored, as the CLI does.
    init(parsing text: String) {
        var current: String?
        var parent: String?
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let line = String(rawLine)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix(";") { continue }
            if trimmed.hasPrefix("["), trimmed.hasSuffix("]") {
                let name = trimmed.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
                current = name
                parent = nil
                if sections[name] == nil { sections[name] = [:] }
                continue
            }
            guard let section = current, let equals = trimmed.firstIndex(of: "=") else { continue }
            let key = trimmed[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            var value = trimmed[trimmed.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if let comment = value.range(of: " #") ?? value.range(of: " ;") {
                value = value[..<comment.lowerBound].trimmingCharacters(in: .whitespaces)
            }
            let isIndented = line.first == " " || line.first == "\t"
            if isIndented, let parent {
                sections[section, default: [:]]["\(parent).\(key)"] = value
            } else {
                sections[section, default: [:]][key] = value
                parent = value.isEmpty ? key : nil
            }
        }
    }
}
