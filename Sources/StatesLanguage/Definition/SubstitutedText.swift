/// A definition's text after ``DefinitionSubstitutions`` filled its placeholders: the new text, the
/// placeholders left unfilled, and the way back from an offset in the new text to the original's,
/// so that diagnostics point into the file as the user wrote it.
package struct SubstitutedText: Sendable {
    /// A stretch of the new text: copied from the original, or a value replacing a placeholder.
    struct Segment: Sendable {
        var outputStart: Int
        var originalStart: Int
        var isCopy: Bool
    }

    /// A `${Name}` left without a value, at its byte offset in the original text.
    package struct Placeholder: Sendable, Hashable {
        package var name: String
        package var offset: Int
    }

    /// The text with placeholders filled.
    package var text: String
    var segments: [Segment]
    /// The placeholders without a value, in order.
    package var unfilled: [Placeholder]

    /// Whether no placeholder was replaced, so offsets are the same in both texts.
    package var isUnchanged: Bool { !segments.contains { !$0.isCopy } }

    /// The offset in the original text of `offset` in the new one; inside a replaced value, the
    /// placeholder's own offset.
    package func originalOffset(of offset: Int) -> Int {
        var low = 0
        var high = segments.count
        while low < high {
            let middle = (low + high) / 2
            if segments[middle].outputStart <= offset { low = middle + 1 } else { high = middle }
        }
        guard low > 0 else { return offset }
        let segment = segments[low - 1]
        return segment.isCopy ? segment.originalStart + (offset - segment.outputStart) : segment.originalStart
    }
}
