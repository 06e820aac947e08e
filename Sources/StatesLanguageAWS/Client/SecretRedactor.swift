import Foundation

/// Removes the signing credentials' secret access key and session token from text the AWS layer
/// passes on (response bodies and headers, transport errors), so that an endpoint echoing the
/// signed request cannot put them into a cause, a task result or the history.
///
/// Each secret is looked for as written, percent-encoded (a presigned URL) and with `/` escaped as
/// `\/` (JSON), and replaced by `<redacted>`.
struct SecretRedactor: Sendable {
    /// The byte sequences to replace, longest first.
    private let needles: [[UInt8]]
    static let replacement = Array("<redacted>".utf8)

    init(_ credentials: AWSCredentials) {
        var secrets = [credentials.secretAccessKey]
        if let token = credentials.sessionToken { secrets.append(token) }
        var forms: Set<String> = []
        // Very short values would match ordinary text; real keys and tokens are 40 characters or more.
        for secret in secrets where secret.count >= 8 {
            forms.insert(secret)
            forms.insert(PercentEncoding.encode(secret))
            forms.insert(secret.replacingOccurrences(of: "/", with: "\\/"))
        }
        needles = forms.map { Array($0.utf8) }.sorted { $0.count > $1.count }
    }

    var isEmpty: Bool { needles.isEmpty }

    /// `bytes` with every occurrence of a secret replaced.
    func redact(_ bytes: [UInt8]) -> [UInt8] {
        guard !needles.isEmpty, !bytes.isEmpty else { return bytes }
        var result = bytes
        for needle in needles where result.count >= needle.count {
            result = Self.replacing(needle, in: result)
        }
        return result
    }

    /// `text` with every occurrence of a secret replaced.
    func redact(_ text: String) -> String {
        guard !needles.isEmpty else { return text }
        let bytes = Array(text.utf8)
        let redacted = redact(bytes)
        return redacted == bytes ? text : String(decoding: redacted, as: UTF8.self)
    }

    /// Replaces non-overlapping occurrences of `needle`, scanning once (no match means no copy).
    private static func replacing(_ needle: [UInt8], in bytes: [UInt8]) -> [UInt8] {
        let first = needle[0]
        var output: [UInt8] = []
        var copiedUpTo = 0
        var i = 0
        let last = bytes.count - needle.count
        while i <= last {
            if bytes[i] == first, bytes[i..<i + needle.count].elementsEqual(needle) {
                if output.isEmpty { output.reserveCapacity(bytes.count) }
                output.append(contentsOf: bytes[copiedUpTo..<i])
                output.append(contentsOf: replacement)
                i += needle.count
                copiedUpTo = i
            } else {
                i += 1
            }
        }
        guard copiedUpTo > 0 else { return bytes }
        output.append(contentsOf: bytes[copiedUpTo...])
        return output
    }
}
