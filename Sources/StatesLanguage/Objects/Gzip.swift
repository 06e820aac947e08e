/// A gzip (RFC 1952) and raw DEFLATE (RFC 1951) decoder, for S3 inventory files and the AWS
/// service models: no I/O and no dependency on zlib.
package enum Gzip {
    /// Why data could not be decompressed.
    package struct Failure: Error, CustomStringConvertible {
        package let description: String
    }

    /// Decompresses every member of a gzip file.
    package static func decompress(_ data: [UInt8]) throws(Failure) -> [UInt8] {
        var output: [UInt8] = []
        var offset = 0
        while offset < data.count {
            guard data.count - offset >= 18, data[offset] == 0x1F, data[offset + 1] == 0x8B, data[offset + 2] == 8 else {
                if output.isEmpty { throw Failure(description: "not a gzip file") }
                break
            }
            let flags = data[offset + 3]
            var position = offset + 10
            if flags & 0x04 != 0 {
                guard position + 2 <= data.count else { throw Failure(description: "truncated gzip header") }
                position += 2 + Int(data[position]) + Int(data[position + 1]) << 8
            }
            for flag in [UInt8(0x08), 0x10] where flags & flag != 0 {
                while position < data.count, data[position] != 0 { position += 1 }
                position += 1
            }
            if flags & 0x02 != 0 { position += 2 }
            guard position <= data.count else { throw Failure(description: "truncated gzip header") }
            var inflater = Inflater(data: data, bytePosition: position)
            try inflater.run(into: &output)
            offset = inflater.endPosition + 8
        }
        return output
    }
}

/// Decodes a DEFLATE stream.
struct Inflater {
    let data: [UInt8]
    var bytePosition: Int
    var bitBuffer: UInt32 = 0
    var bitCount = 0

    init(data: [UInt8], bytePosition: Int) {
        self.data = data
        self.bytePosition = bytePosition
    }

    /// The byte after the stream (its last partial byte skipped).
    var endPosition: Int { bytePosition }

    mutating func bits(_ n: Int) throws(Gzip.Failure) -> Int {
        while bitCount < n {
            guard bytePosition < data.count else { throw Gzip.Failure(description: "truncated deflate data") }
            bitBuffer |= UInt32(data[bytePosition]) << UInt32(bitCount)
            bytePosition += 1
            bitCount += 8
        }
        let value = Int(bitBuffer & ((1 << UInt32(n)) - 1))
        bitBuffer >>= UInt32(n)
        bitCount -= n
        return value
    }

    /// A canonical Huffman code: counts per length and symbols in code order.
    struct Huffman {
        var counts = [Int](repeating: 0, count: 16)
        var symbols: [Int] = []

        init(lengths: [Int]) throws(Gzip.Failure) {
            for length in lengths { counts[length] += 1 }
            counts[0] = 0
            var offsets = [Int](repeating: 0, count: 16)
            for length in 1..<16 { offsets[length] = offsets[length - 1] + counts[length - 1] }
            symbols = [Int](repeating: 0, count: lengths.count)
            for (symbol, length) in lengths.enumerated() where length != 0 {
                symbols[offsets[length]] = symbol
                offsets[length] += 1
            }
        }
    }

    mutating func decode(_ h: Huffman) throws(Gzip.Failure) -> Int {
        var code = 0
        var first = 0
        var index = 0
        for length in 1..<16 {
            code |= try bits(1)
            let count = h.counts[length]
            if code - count < first { return h.symbols[index + (code - first)] }
            index += count
            first += count
            first <<= 1
            code <<= 1
        }
        throw Gzip.Failure(description: "invalid Huffman code")
    }

    static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]

    mutating func run(into output: inout [UInt8]) throws(Gzip.Failure) {
        var last = 0
        repeat {
            last = try bits(1)
            switch try bits(2) {
            case 0:
                bitBuffer = 0
                bitCount = 0
                guard bytePosition + 4 <= data.count else { throw Gzip.Failure(description: "truncated stored block") }
                let length = Int(data[bytePosition]) | Int(data[bytePosition + 1]) << 8
                bytePosition += 4
                guard bytePosition + length <= data.count else { throw Gzip.Failure(description: "truncated stored block") }
                output += data[bytePosition..<(bytePosition + length)]
                bytePosition += length
            case 1:
                var lengths = [Int](repeating: 8, count: 288)
                for i in 144..<256 { lengths[i] = 9 }
                for i in 256..<280 { lengths[i] = 7 }
                try block(Huffman(lengths: lengths), Huffman(lengths: [Int](repeating: 5, count: 30)), into: &output)
            case 2:
                let literalCount = try bits(5) + 257
                let distanceCount = try bits(5) + 1
                let codeCount = try bits(4) + 4
                let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
                var codeLengths = [Int](repeating: 0, count: 19)
                for i in 0..<codeCount { codeLengths[order[i]] = try bits(3) }
                let codes = try Huffman(lengths: codeLengths)
                var lengths: [Int] = []
                while lengths.count < literalCount + distanceCount {
                    let symbol = try decode(codes)
                    switch symbol {
                    case 0..<16: lengths.append(symbol)
                    case 16:
                        guard let previous = lengths.last else { throw Gzip.Failure(description: "repeat with no length") }
                        lengths += [Int](repeating: previous, count: 3 + (try bits(2)))
                    case 17: lengths += [Int](repeating: 0, count: 3 + (try bits(3)))
                    default: lengths += [Int](repeating: 0, count: 11 + (try bits(7)))
                    }
                }
                guard lengths.count == literalCount + distanceCount else { throw Gzip.Failure(description: "bad code lengths") }
                try block(
                    Huffman(lengths: Array(lengths[0..<literalCount])), Huffman(lengths: Array(lengths[literalCount...])),
                    into: &output)
            default:
                throw Gzip.Failure(description: "invalid deflate block type")
            }
        } while last == 0
        bitBuffer = 0
        bitCount = 0
    }

    mutating func block(_ literals: Huffman, _ distances: Huffman, into output: inout [UInt8]) throws(Gzip.Failure) {
        while true {
            let symbol = try decode(literals)
            if symbol < 256 {
                output.append(UInt8(symbol))
            } else if symbol == 256 {
                return
            } else {
                let i = symbol - 257
                guard i < Self.lengthBase.count else { throw Gzip.Failure(description: "invalid length symbol") }
                let length = Self.lengthBase[i] + (try bits(Self.lengthExtra[i]))
                let d = try decode(distances)
                guard d < Self.distanceBase.count else { throw Gzip.Failure(description: "invalid distance symbol") }
                let distance = Self.distanceBase[d] + (try bits(Self.distanceExtra[d]))
                guard distance <= output.count else { throw Gzip.Failure(description: "distance too far back") }
                let start = output.count - distance
                for k in 0..<length { output.append(output[start + k]) }
            }
        }
    }
}
