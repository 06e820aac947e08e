/// MD5 (RFC 1321). Broken for collision resistance; kept because `States.Hash` offers it.
struct MD5: BlockCompression {
    static let blockByteCount = 64
    static let lengthByteCount = 8
    static let isLengthBigEndian = false

    private var a: UInt32 = 0x6745_2301
    private var b: UInt32 = 0xefcd_ab89
    private var c: UInt32 = 0x98ba_dcfe
    private var d: UInt32 = 0x1032_5476

    /// `floor(abs(sin(i + 1)) * 2^32)`, RFC 1321 §3.4.
    private static let sines: [UInt32] = [
        0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
        0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
        0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
        0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
        0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
        0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
        0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
        0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
    ]

    /// Left-rotation amounts, four per round.
    private static let shifts: [UInt32] = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21]

    mutating func compress(blocks: UnsafeRawBufferPointer) {
        Self.sines.withUnsafeBufferPointer { sines in
            Self.shifts.withUnsafeBufferPointer { shifts in
                withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 16) { words in
                    for blockStart in stride(from: 0, to: blocks.count, by: Self.blockByteCount) {
                        for index in 0..<16 {
                            words[index] = UInt32(
                                littleEndian: blocks.loadUnaligned(
                                    fromByteOffset: blockStart + 4 * index, as: UInt32.self
                                )
                            )
                        }
                        absorb(words: UnsafeBufferPointer(words), sines: sines, shifts: shifts)
                    }
                }
            }
        }
    }

    private mutating func absorb(
        words: UnsafeBufferPointer<UInt32>, sines: UnsafeBufferPointer<UInt32>, shifts: UnsafeBufferPointer<UInt32>
    ) {
        var (a, b, c, d) = (self.a, self.b, self.c, self.d)
        // One loop per round, so the round function is not chosen again at every step.
        @inline(__always) func step(_ mixed: UInt32, _ step: Int, _ wordIndex: Int) {
            let sum = a &+ mixed &+ sines[step] &+ words[wordIndex]
            let shift = shifts[(step >> 4) << 2 | step & 3]
            (a, d, c) = (d, c, b)
            b = b &+ (sum << shift | sum >> (32 - shift))
        }
        for index in 0..<16 { step((b & c) | (~b & d), index, index) }
        for index in 16..<32 { step((d & b) | (~d & c), index, (5 &* index &+ 1) & 15) }
        for index in 32..<48 { step(b ^ c ^ d, index, (3 &* index &+ 5) & 15) }
        for index in 48..<64 { step(c ^ (b | ~d), index, (7 &* index) & 15) }
        self.a &+= a
        self.b &+= b
        self.c &+= c
        self.d &+= d
    }

    var digest: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16)
        for word in [a, b, c, d] {
            for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: word >> shift)) }
        }
        return bytes
    }
}
