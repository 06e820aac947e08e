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

    /// Found while checking the picture code after the crash above: a width of ten billion padded the
    /// output to gigabytes.
    @Test("a huge picture width is refused with U1002", arguments: [
        "$fromMillis(0, '[Y,9999999999]')", "$fromMillis(0, '[Y,1-99999]')", "$fromMillis(0, '[M,1001]')",
    ])
    func hugePictureWidth(source: String) {
        let error = #expect(throws: JSONataError.self) { _ = try JSONataExpression(source).evaluate(nil) }
        #expect(error?.code == "U1002")
    }

    @Test("widths up to the limit still format")
    func pictureWidthWithinLimit() throws {
        #expect(try JSONataExpression("$length($fromMillis(0, '[Y,1000]'))").evaluate(nil) == .integer(1000))
        #expect(try JSONataExpression("$fromMillis(0, '[Y,2-2]')").evaluate(nil) == "70")
    }

    /// jsonata-evaluation, 2026-12-05 (long run): a timezone offset of nineteen digits overflowed the
    /// shift in DateTimePicture.format and trapped.
    @Test("a timezone offset longer than ±HHMM is refused with D3150", arguments: [
        "$fromMillis(0, '[H01]', '1111111111111111110')", "$fromMillis(0, '[H01]', '-99999')",
        "$now('[H01]:[m01]', '1111111111111111110')", "$now('', '1111111111111111110')",
    ])
    func hugeTimezoneOffset(source: String) {
        let error = #expect(throws: JSONataError.self) { _ = try JSONataExpression(source).evaluate(nil) }
        #expect(error?.code == "D3150")
    }

    @Test("a four-digit timezone offset still shifts the time")
    func timezoneOffsetWithinRange() throws {
        #expect(try JSONataExpression("$fromMillis(0, '[H01]:[m01]', '+0530')").evaluate(nil) == "05:30")
        #expect(try JSONataExpression("$fromMillis(0, '[H01]:[m01]', '-0100')").evaluate(nil) == "23:00")
    }
}
