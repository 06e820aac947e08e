/// SHA-1 (FIPS 180-4 §6.1). Broken for collision resistance; kept because `States.Hash` offers it.
struct SHA1: BlockCompression {
    static let blockByteCount = 64
    static let lengthByteCount = 8
    static let isLengthBigEndian = true

    private var state: (UInt32, UInt32, UInt32, UInt32, UInt32) = (
        0x6745_2301, 0xefcd_ab89, 0x98ba_dcfe, 0x1032_5476, 0xc3d2_e1f0
    )

    mutating func compress(blocks: UnsafeRawBufferPointer) {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 80) { schedule in
            for blockStart in stride(from: 0, to: blocks.count, by: Self.blockByteCount) {
                for index in 0..<16 {
                    schedule[index] = UInt32(
                        bigEndian: blocks.loadUnaligned(fromByteOffset: blockStart + 4 * index, as: UInt32.self)
                    )
                }
                for index in 16..<80 {
                    let word = schedule[index - 3] ^ schedule[index - 8] ^ schedule[index - 14] ^ schedule[index - 16]
                    schedule[index] = word << 1 | word >> 31
                }
                absorb(schedule: UnsafeBufferPointer(schedule))
            }
        }
    }

    private mutating func absorb(schedule: UnsafeBufferPointer<UInt32>) {
        var (a, b, c, d, e) = state
        for step in 0..<80 {
            let mixed: UInt32
            let constant: UInt32
            switch step {
            case 0..<20:
                mixed = (b & c) | (~b & d)
                constant = 0x5a82_7999
            case 20..<40:
                mixed = b ^ c ^ d
                constant = 0x6ed9_eba1
            case 40..<60:
                mixed = (b & c) | (b & d) | (c & d)
                constant = 0x8f1b_bcdc
            default:
                mixed = b ^ c ^ d
                constant = 0xca62_c1d6
            }
            let temporary = (a << 5 | a >> 27) &+ mixed &+ e &+ constant &+ schedule[step]
            (e, d, c, b, a) = (d, c, b << 30 | b >> 2, a, temporary)
        }
        state = (state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d, state.4 &+ e)
    }

    var digest: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(20)
        for word in [state.0, state.1, state.2, state.3, state.4] { bytes.append(bigEndianBytesOf: word) }
        return bytes
    }
}
