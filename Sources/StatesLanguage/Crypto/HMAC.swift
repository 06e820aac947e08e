/// A keyed-hash message authentication code (RFC 2104) over any ``HashAlgorithm``.
///
/// SigV4 chains HMAC-SHA-256 to derive its signing key and to sign the string to sign.
///
/// ```swift
/// let mac = HMAC(algorithm: .sha256, key: Array("key".utf8))
/// mac.authenticationCode(for: "The quick brown fox jumps over the lazy dog".utf8).hexEncodedString
/// // "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"
/// ```
package struct HMAC: Sendable {
    /// The hash function the code is built on.
    package let algorithm: HashAlgorithm
    /// The key padded to one block, XORed with 0x36 and 0x5c (RFC 2104 §2).
    private let innerPad: [UInt8]
    private let outerPad: [UInt8]

    /// Prepares a code for `key`; a key longer than one block is hashed first (RFC 2104 §2).
    ///
    /// - Parameters:
    ///   - algorithm: the hash function.
    ///   - key: the secret key, of any length.
    package init(algorithm: HashAlgorithm, key: [UInt8]) {
        self.algorithm = algorithm
        var block = key.count > algorithm.blockByteCount ? algorithm.digest(key) : key
        block.append(contentsOf: repeatElement(0, count: algorithm.blockByteCount - block.count))
        innerPad = block.map { $0 ^ 0x36 }
        outerPad = block.map { $0 ^ 0x5c }
    }

    /// The authentication code of `message`, ``HashAlgorithm/digestByteCount`` bytes long.
    package func authenticationCode<Bytes: Sequence>(for message: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
        var inner = Digester(algorithm)
        inner.update(innerPad)
        inner.update(message)
        var outer = Digester(algorithm)
        outer.update(outerPad)
        outer.update(inner.finalize())
        return outer.finalize()
    }
}
