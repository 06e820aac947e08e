/// `${Name}` placeholders left in a definition after substitution.
extension DefinitionReader {
    /// Reports a `Resource` that still holds placeholders: it cannot name a real resource, and AWS's
    /// validator refuses it. The diagnostic points at the first placeholder itself.
    ///
    /// - Returns: whether the resource held placeholders.
    mutating func rejectPlaceholders(inResource text: String, at path: FieldPath) -> Bool {
        let names = DefinitionSubstitutions.placeholderNames(in: text)
        guard !names.isEmpty else { return false }
        var location = sourceMap?.nearestLocation(of: path.jsonPointer)
        if let sourceMap, let start = sourceMap.offset(of: path.jsonPointer) {
            for (position, name) in names.enumerated() {
                guard
                    let placeholder = placeholders.first(where: {
                        $0.name == name && $0.offset >= start && !reportedPlaceholders.contains($0.offset)
                    })
                else { continue }
                reportedPlaceholders.insert(placeholder.offset)
                if position == 0 { location = sourceMap.location(ofOffset: placeholder.offset) }
            }
        }
        let listed = names.map { "${\($0)}" }.joined(separator: ", ")
        let message =
            names.count == 1
            ? "the placeholder \(listed) has no substitution value; a Resource must name a real resource"
            : "the placeholders \(listed) have no substitution values; a Resource must name a real resource"
        add(Diagnostic(.error, code: .invalidResource, at: path, message, location: location))
        return true
    }

    /// Warns of every placeholder not yet reported: it stays in the definition as written, as
    /// CloudFormation leaves a `${Name}` its `DefinitionSubstitutions` do not list.
    mutating func warnOfUnfilledPlaceholders(in definition: JSONValue) {
        for placeholder in placeholders where !reportedPlaceholders.contains(placeholder.offset) {
            reportedPlaceholders.insert(placeholder.offset)
            let path = sourceMap?.pointer(containing: placeholder.offset).map { fieldPath(forPointer: $0, in: definition) }
            add(
                Diagnostic(
                    .warning, code: .unfilledPlaceholder, at: path ?? FieldPath(),
                    "the placeholder ${\(placeholder.name)} has no substitution value; it stays as written",
                    location: sourceMap?.location(ofOffset: placeholder.offset)))
        }
    }
}
