/// A hash function offered by `States.Hash`, named as AWS spells it in the intrinsic's second
/// argument (`"MD5"`, `"SHA-1"`, `"SHA-256"`, `"SHA-384"`, `"SHA-512"`).
///
/// ```swift
/// HashAlgorithm.sha256.digest(Array("abc".utf8)).hexEncodedString
/// // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
/// ```
package enum HashAlgorithm: String, CaseIterable, Sendable {
    /// MD5 (RFC 1321), 16-byte digest.
    case md5 = "MD5"
    /// SHA-1 (FIPS 180-4), 20-byte digest.
    case sha1 = "SHA-1"
    /// SHA-256 (FIPS 180-4), 32-byte digest.
    case sha256 = "SHA-256"
    /// SHA-384 (FIPS 180-4), 48-byte digest.
    case sha384 = "SHA-384"
    /// SHA-512 (FIPS 180-4), 64-byte digest.
    case sha512 = "SHA-512"

    /// The digest of `bytes`.
    ///
    /// - Parameter bytes: the message; contiguous storage (`[UInt8]`, `String.UTF8View`) is
    ///   hashed in place, anything else is copied once.
    /// - Returns: the digest, ``digestByteCount`` bytes.
    package func digest<Bytes: Sequence>(_ bytes: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
        var digester = Digester(self)
        digester.update(bytes)
        return digester.finalize()
    }

    /// The length of the digest in bytes.
    package var digestByteCount: Int {
        switch self {
        case .md5: 16
        case .sha1: 20
        case .sha256: 32
        case .sha384: 48
        case .sha512: 64
        }
    }

    /// The length of an input block in bytes, which HMAC pads the key to.
    package var blockByteCount: Int {
        switch self {
        case .md5: MD5.blockByteCount
        case .sha1: SHA1.blockByteCount
        case .sha256: SHA256.blockByteCount
        case .sha384, .sha512: SHA512.blockByteCount
        }
    }
}
