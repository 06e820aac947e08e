/// An incremental hash: feed the message in pieces, then take the digest once.
///
/// ```swift
/// var digester = Digester(.sha256)
/// digester.update("ab".utf8)
/// digester.update("c".utf8)
/// digester.finalize().hexEncodedString  // same as HashAlgorithm.sha256.digest("abc".utf8)
/// ```
package struct Digester: Sendable {
    private enum Stream: Sendable {
        case md5(DigestStream<MD5>)
        case sha1(DigestStream<SHA1>)
        case sha256(DigestStream<SHA256>)
        case sha512(DigestStream<SHA512>)
    }

    private var stream: Stream

    /// The algorithm this digester computes.
    package let algorithm: HashAlgorithm

    /// Starts hashing an empty message with `algorithm`.
    package init(_ algorithm: HashAlgorithm) {
        self.algorithm = algorithm
        switch algorithm {
        case .md5: stream = .md5(DigestStream(MD5()))
        case .sha1: stream = .sha1(DigestStream(SHA1()))
        case .sha256: stream = .sha256(DigestStream(SHA256()))
        case .sha384: stream = .sha512(DigestStream(.sha384))
        case .sha512: stream = .sha512(DigestStream(.sha512))
        }
    }

    /// Appends `bytes` to the message.
    package mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        // The payload is copied out and back; its buffers are under one block, so the copy is
        // cheap next to hashing and happens once per call, not per block.
        switch stream {
        case .md5(var inner):
            inner.update(bytes)
            stream = .md5(inner)
        case .sha1(var inner):
            inner.update(bytes)
            stream = .sha1(inner)
        case .sha256(var inner):
            inner.update(bytes)
            stream = .sha256(inner)
        case .sha512(var inner):
            inner.update(bytes)
            stream = .sha512(inner)
        }
    }

    /// The digest of everything passed to ``update(_:)``.
    package consuming func finalize() -> [UInt8] {
        switch stream {
        case .md5(let inner): inner.finalize()
        case .sha1(let inner): inner.finalize()
        case .sha256(let inner): inner.finalize()
        case .sha512(let inner): inner.finalize()
        }
    }
}
