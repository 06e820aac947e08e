/// Estimates how wide a line of text is drawn, so boxes fit their labels without a font engine.
///
/// The widths are those of Helvetica (and of the metrically compatible Arial and Liberation
/// Sans that the SVG names first), in thousandths of an em, for printable ASCII; any other
/// character counts as a full em, which errs on the wide side.
public enum TextMetrics {
    /// Widths of the characters from space (32) to tilde (126).
    private static let widths: [Int] = [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,  // space to /
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,  // 0 to ?
        1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,  // @ to O
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,  // P to _
        333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,  // ` to o
        556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,  // p to ~
    ]

    /// The width of `text` at `fontSize` pixels; bold text is taken to be 10% wider.
    ///
    /// - Parameters:
    ///   - text: one line of text.
    ///   - fontSize: the font size in pixels.
    ///   - bold: whether the text is set in bold.
    /// - Returns: the estimated width in pixels.
    public static func width(of text: String, fontSize: Double, bold: Bool = false) -> Double {
        var units = 0
        for scalar in text.unicodeScalars {
            let value = Int(scalar.value)
            units += (32...126).contains(value) ? widths[value - 32] : 1000
        }
        return Double(units) / 1000 * fontSize * (bold ? 1.1 : 1.0)
    }
}
