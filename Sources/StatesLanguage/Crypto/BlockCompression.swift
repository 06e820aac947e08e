/// The compression function of a Merkle–Damgård hash (MD5, SHA-1, SHA-2): the chaining state
/// and how it absorbs whole blocks.
///
/// ``DigestStream`` does the buffering and the final padding, which differ between these
/// functions only in block size and in how the message length is written.
protocol BlockCompression: Sendable {
    /// Bytes per block: 64 for MD5, SHA-1 and SHA-256; 128 for SHA-384 and SHA-512.
    static var blockByteCount: Int { get }
    /// Bytes of the bit-length field that ends the padding: 8, or 16 for SHA-384/512.
    static var lengthByteCount: Int { get }
    /// Whether the length field is big-endian (SHA) or little-endian (MD5).
    static var isLengthBigEndian: Bool { get }

    /// Absorbs `blocks`, whose count is a non-zero multiple of ``blockByteCount``.
    mutating func compress(blocks: UnsafeRawBufferPointer)

    /// The digest of everything absorbed so far, in the function's byte order.
    var digest: [UInt8] { get }
}
