import Testing
@testable import StatesLanguage

@Suite("States.Hash")
struct IntrinsicHashTests {
    static let digests: [(algorithm: String, expected: String)] = [
        // The SHA-1 value is AWS's documented example; the others are the same input through the standard tools.
        ("SHA-1", "aaff4a450a104cd177d28d18d74485e8cae074b7"),
        ("MD5", "812f45842bc6d66ee14572ce20db8e86"),
        ("SHA-256", "b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3"),
        ("SHA-384", "d28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d6123aa008c756511b87525bdc835ebb27e1fb9e9374a15562"),
        ("SHA-512", "6ce4adb348546d4f449c4d25aad9a7c9cb711d9e91982d3f0b29ca2f3f47d4ce2deba23bf2954f0f1d593fc50283731a533d30d425402d4f91316d871303aac4"),
    ]

    @Test("hashes the UTF-8 bytes of the data", arguments: digests)
    func hashes(algorithm: String, expected: String) throws {
        let input: JSONValue = ["Data": "input data", "Algorithm": .string(algorithm)]
        #expect(try evaluateIntrinsic("States.Hash($.Data, $.Algorithm)", input) == .string(expected))
    }

    @Test("the empty string has the standard digest")
    func empty() throws {
        #expect(try evaluateIntrinsic("States.Hash('', 'SHA-256')") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    static let misuse: [(call: String, cause: String)] = [
        ("States.Hash('x')", "The function 'States.Hash('x')' had the following error: Expected 2 arguments, got 1"),
        ("States.Hash('x', 'sha-256')", "The function 'States.Hash('x', 'sha-256')' had the following error: The second argument (algorithm) must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512, got 'sha-256'"),
        ("States.Hash(1, 'MD5')", "The function 'States.Hash(1, 'MD5')' had the following error: The first argument (data) must be a string, got number 1"),
        ("States.Hash('x', 256)", "The function 'States.Hash('x', 256)' had the following error: The second argument (algorithm) must be a string, got number 256"),
        ("States.Hash($.big, 'MD5')", "The function 'States.Hash($.big, 'MD5')' had the following error: The input has 10001 characters; at most 10000 are allowed"),
    ]

    @Test("misuse is States.Runtime naming the argument", arguments: misuse)
    func reportsMisuse(call: String, cause: String) throws {
        let input: JSONValue = ["big": .string(String(repeating: "x", count: 10_001))]
        let error = #expect(throws: StatesError.self) { try evaluateIntrinsic(call, input) }
        #expect(error?.name == .runtime)
        #expect(error?.cause == cause)
    }

    @Test("10,000 characters are accepted")
    func limit() throws {
        let input: JSONValue = ["s": .string(String(repeating: "x", count: 10_000))]
        #expect(try evaluateIntrinsic("States.Hash($.s, 'MD5')", input).stringValue?.count == 32)
    }
}
