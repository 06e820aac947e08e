/// Decompresses gzip data fed chunk by chunk, handing the output back chunk by chunk, so that
/// neither the compressed file nor its contents is ever held whole.
///
/// Memory holds the compressed bytes not decoded yet (about a chunk), at most about 256 KiB of output
/// plus one DEFLATE block's, and the 32 KiB before it that back references may reach. A block is
/// decoded once its bytes have all arrived: when a chunk ends inside a block, its partial output is
/// dropped and the block is decoded again from its start once more bytes (at least as many again)
/// have come, so each byte is decoded about twice at most.
struct GzipDecoder {
    private enum Stage {
        /// Before a member's header (at the start, or after a member's trailer).
        case header
        /// Inside a member's DEFLATE blocks.
        case blocks
        /// Before a member's 8-byte trailer (CRC-32 and size, not checked).
        case trailer
        /// After data that is not a gzip member, following at least one member: ignored.
        case ignoring
    }

    /// Back references reach at most this far.
    static let window = 32 * 1024
    /// Output is handed back once this much is held beyond the window.
    static let outputStep = 256 * 1024

    private var stage = Stage.header
    /// Compressed bytes; those before `position` are used.
    private var input: [UInt8] = []
    private var position = 0
    private var bitBuffer: UInt32 = 0
    private var bitCount = 0
    /// Output not handed back yet, and the window before it.
    private var output: [UInt8] = []
    /// How much of `output` is the window, already handed back.
    private var handedBack = 0
    /// Whether any member was decoded.
    private var sawMember = false
    /// After a chunk that ended inside a block: the unused input needed before trying again.
    private var retryAt = 0

    /// Whether ``endInput()`` was called.
    private(set) var isInputEnded = false

    /// The bytes held: compressed input not used yet, and output with its window.
    var bufferedBytes: Int { input.count - position + output.count }

    /// Takes a chunk of compressed data.
    mutating func append(_ chunk: [UInt8]) {
        if position > 0, position >= input.count / 2 {
            input.removeFirst(position)
            position = 0
        }
        input += chunk
    }

    /// Says that no more compressed data will come.
    mutating func endInput() {
        isInputEnded = true
    }

    /// The next piece of output (about 256 KiB at most, plus one block), or nil when more input is
    /// needed or, after ``endInput()``, when all of it was handed back.
    ///
    /// - Throws: ``Gzip/Failure`` for data that is not gzip, is damaged, or (after ``endInput()``) stops
    ///   inside a member.
    mutating func next() throws(Gzip.Failure) -> [UInt8]? {
        try decode()
        if output.count > handedBack {
            let piece = Array(output[handedBack...])
            if output.count > Self.window { output.removeFirst(output.count - Self.window) }
            handedBack = output.count
            return piece
        }
        guard isInputEnded else { return nil }
        switch stage {
        case .header, .ignoring:
            if !sawMember { throw Gzip.Failure(description: "not a gzip file") }
        case .blocks: throw Gzip.Failure(description: "truncated deflate data")
        case .trailer: throw Gzip.Failure(description: "truncated gzip trailer")
        }
        return nil
    }

    /// Decodes until about ``outputStep`` bytes are ready or the input runs out.
    private mutating func decode() throws(Gzip.Failure) {
        while output.count - handedBack < Self.outputStep {
            switch stage {
            case .ignoring: return
            case .header:
                guard let start = try headerEnd() else { return }
                position = start
                bitBuffer = 0
                bitCount = 0
                stage = .blocks
            case .blocks:
                // After a chunk that ended inside a block, wait for as many bytes again (or the end).
                if !isInputEnded, input.count - position < retryAt { return }
                var inflater = Inflater(data: input, bytePosition: position, bitBuffer: bitBuffer, bitCount: bitCount)
                let kept = output.count
                let last: Bool
                do throws(Gzip.Failure) {
                    last = try inflater.decodeBlock(into: &output)
                } catch where error.isTruncation && !isInputEnded {
                    output.removeSubrange(kept...)
                    retryAt = 2 * (input.count - position)
                    return
                }
                retryAt = 0
                position = inflater.endPosition
                bitBuffer = inflater.bitBuffer
                bitCount = inflater.bitCount
                if last { stage = .trailer }
            case .trailer:
                guard input.count - position >= 8 else { return }
                position += 8
                sawMember = true
                stage = .header
            }
        }
    }

    /// Where the member's DEFLATE data starts, nil when the header has not all arrived; data that
    /// is not a gzip member fails at the start and is ignored after a member (as gzip does).
    private mutating func headerEnd() throws(Gzip.Failure) -> Int? {
        let available = input.count - position
        guard available > 0 else { return nil }
        let magic: [UInt8] = [0x1F, 0x8B, 8]
        for i in 0..<min(3, available) where input[position + i] != magic[i] {
            guard sawMember else { throw Gzip.Failure(description: "not a gzip file") }
            stage = .ignoring
            return nil
        }
        guard available >= 10 else {
            if isInputEnded { throw Gzip.Failure(description: "truncated gzip header") }
            return nil
        }
        let flags = input[position + 3]
        var cursor = position + 10
        if flags & 0x04 != 0, cursor + 2 <= input.count {
            cursor += 2 + Int(input[cursor]) + Int(input[cursor + 1]) << 8
        } else if flags & 0x04 != 0 {
            cursor = input.count + 1
        }
        for flag in [UInt8(0x08), 0x10] where flags & flag != 0 {
            while cursor < input.count, input[cursor] != 0 { cursor += 1 }
            cursor += 1
        }
        if flags & 0x02 != 0 { cursor += 2 }
        guard cursor <= input.count else {
            if isInputEnded { throw Gzip.Failure(description: "truncated gzip header") }
            return nil
        }
        return cursor
    }
}
