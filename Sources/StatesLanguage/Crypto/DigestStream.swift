/// Feeds bytes to a ``BlockCompression`` a block at a time and pads the end of the message.
///
/// The padding is the Merkle–Damgård strengthening shared by MD5 (RFC 1321 §3.1–3.2) and SHA
/// (FIPS 180-4 §5.1): a `0x80` byte, zeros, then the message length in bits.
struct DigestStream<Compression: BlockCompression>: Sendable {
    private var compression: Compression
    /// Bytes waiting for their block to fill; always fewer than one block.
    private var pending: [UInt8] = []
    private var byteCount: UInt64 = 0

    init(_ compression: Compression) {
        self.compression = compression
        pending.reserveCapacity(Compression.blockByteCount)
    }

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        let blockByteCount = Compression.blockByteCount
        var input = bytes
        byteCount &+= UInt64(input.count)
        if !pending.isEmpty {
            let taken = min(blockByteCount - pending.count, input.count)
            pending.append(contentsOf: input[..<taken])
            input = UnsafeRawBufferPointer(rebasing: input[taken...])
            guard pending.count == blockByteCount else { return }
            let block = pending
            block.withUnsafeBytes { compression.compress(blocks: $0) }
            pending.removeAll(keepingCapacity: true)
        }
        let wholeBlocks = input.count - input.count % blockByteCount
        if wholeBlocks > 0 {
            compression.compress(blocks: UnsafeRawBufferPointer(rebasing: input[..<wholeBlocks]))
        }
        pending.append(contentsOf: input[wholeBlocks...])
    }

    mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        let handled: Void? = bytes.withContiguousStorageIfAvailable { update(UnsafeRawBufferPointer($0)) }
        if handled == nil {
            Array(bytes).withUnsafeBytes { update($0) }
        }
    }

    consuming func finalize() -> [UInt8] {
        let blockByteCount = Compression.blockByteCount
        let lengthByteCount = Compression.lengthByteCount
        var tail = pending
        tail.append(0x80)
        let paddedCount = (tail.count + lengthByteCount + blockByteCount - 1) / blockByteCount * blockByteCount
        tail.append(contentsOf: repeatElement(0, count: paddedCount - lengthByteCount - tail.count))
        let lowBits = byteCount << 3
        let highBits = byteCount >> 61
        if Compression.isLengthBigEndian {
            if lengthByteCount == 16 { tail.append(bigEndianBytesOf: highBits) }
            tail.append(bigEndianBytesOf: lowBits)
        } else {
            for shift in stride(from: 0, to: 64, by: 8) { tail.append(UInt8(truncatingIfNeeded: lowBits >> shift)) }
        }
        tail.withUnsafeBytes { compression.compress(blocks: $0) }
        return compression.digest
    }
}

extension [UInt8] {
    mutating func append(bigEndianBytesOf word: UInt64) {
        for shift in stride(from: 56, through: 0, by: -8) { append(UInt8(truncatingIfNeeded: word >> shift)) }
    }

    mutating func append(bigEndianBytesOf word: UInt32) {
        for shift in stride(from: 24, through: 0, by: -8) { append(UInt8(truncatingIfNeeded: word >> shift)) }
    }
}
