import JSONCore
import JSONata
import Testing

/// Inputs the libFuzzer targets (Fuzz/) crashed on, each kept once fixed.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    /// jsonata-evaluation, 2026-12-05: a date/time picture marker that starts with its width comma
    /// trapped on an inverted range (DateTimePicture.analyse).
    @Test("a picture marker starting with a comma is read, not trapped on", arguments: [
        "$fromMillis(0, '[,]')", "$fromMillis(0, '[,2]')", "$fromMillis(0, '[,2-3]')", "$toMillis('2020', '[,]')",
        "$fromMillis(0, '[Y,]')",
    ])
    func pictureMarkerStartingWithComma(source: String) {
        do {
            _ = try JSONataExpression(source).evaluate(nil)
        } catch {
            #expect(!error.code.isEmpty)
        }
    }
}
