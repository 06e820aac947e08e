/// A regular expression literal, `/pattern/flags`, compiled for ``RegexProgram``'s matcher.
struct RegexLiteral: Sendable {
    var source: String
    var flags: String
    var program: RegexProgram

    /// Compiles `pattern`; a pattern JavaScript would refuse raises `S0302`.
    init(source: String, flags: String, position: Int) throws(JSONataError) {
        self.source = source
        self.flags = flags
        do {
            program = try RegexProgram(pattern: source, flags: flags)
        } catch {
            throw JSONataError("S0302", position: position, message: "Invalid regular expression /\(source)/: \(error.message)")
        }
    }
}
