/// How labels are kept short enough to sit on an edge or in a box.
public enum Summary {
    /// The longest label, in characters; longer text ends in `…`.
    public static let limit = 48

    /// `text` on one line, cut to `limit` characters.
    public static func shortened(_ text: String, limit: Int = limit) -> String {
        let line = String(text.map { $0.isNewline ? " " : $0 })
        guard line.count > limit else { return line }
        return String(line.prefix(limit - 1)) + "…"
    }
}
