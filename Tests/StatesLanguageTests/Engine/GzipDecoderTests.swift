import Foundation
import Testing

@testable import StatesLanguage

/// Gzip inflated as it streams: S3 inventory data files are never held whole, compressed or not.
@Suite("Gzip decoded chunk by chunk")
struct GzipDecoderTests {
    /// Three gzip members, made with Python's zlib: rows 0..<600 at level 9 with memLevel 1 (many
    /// small dynamic-Huffman blocks), rows 600..<700 at level 0 (stored blocks), rows 700..<1000
    /// with `Z_FIXED` (fixed-Huffman blocks). Row `i` is `src,key-<i, 5 digits>.txt,<i * 7919 % 100003>`.
    static let fixture = Array(
        try! Data(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .appendingPathComponent("Fixtures/inventory-part.csv.gz")))

    static func rows(_ range: Range<Int>) -> [UInt8] {
        Array(range.map { "src,key-\(String(format: "%05d", $0)).txt,\($0 * 7919 % 100_003)\n" }.joined().utf8)
    }

    /// Feeds `data` in chunks of `size` bytes, collecting the output and the most bytes held at once.
    static func inflate(_ data: some Sequence<[UInt8]>) throws -> (output: [UInt8], held: Int) {
        var decoder = GzipDecoder()
        var output: [UInt8] = []
        var held = 0
        for chunk in data {
            decoder.append(chunk)
            held = max(held, decoder.bufferedBytes)
            while let piece = try decoder.next() {
                output += piece
                held = max(held, decoder.bufferedBytes)
            }
        }
        decoder.endInput()
        while let piece = try decoder.next() { output += piece }
        return (output, held)
    }

    static func chunks(_ data: [UInt8], of size: Int) -> [[UInt8]] {
        stride(from: 0, to: data.count, by: size).map { Array(data[$0..<min($0 + size, data.count)]) }
    }

    @Test("dynamic, stored and fixed blocks over three members decode the same in chunks of 1, 7, 4,096 bytes and whole", arguments: [1, 7, 4096, Int.max])
    func chunked(size: Int) throws {
        let (output, _) = try Self.inflate(Self.chunks(Self.fixture, of: min(size, Self.fixture.count)))
        #expect(output == Self.rows(0..<1000))
    }

    @Test("40 MiB of stored blocks fed 1 MiB at a time never hold more than about a chunk and 256 KiB of output")
    func boundedMemory() throws {
        let block = [UInt8](repeating: UInt8(ascii: "x"), count: 65_535)
        let blocks = 640
        // A gzip member written by hand: header, stored blocks of 65,535 bytes, trailer (not checked).
        var stream: [[UInt8]] = [[0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF]]
        var pending: [UInt8] = []
        for i in 0..<blocks {
            pending += [i == blocks - 1 ? 1 : 0, 0xFF, 0xFF, 0, 0] + block
            if pending.count >= 1 << 20 {
                stream.append(pending)
                pending = []
            }
        }
        stream.append(pending + [0, 0, 0, 0, 0, 0, 0, 0])
        var decoder = GzipDecoder()
        var total = 0
        var held = 0
        for chunk in stream {
            decoder.append(chunk)
            held = max(held, decoder.bufferedBytes)
            while let piece = try decoder.next() {
                total += piece.count
                #expect(piece.allSatisfy { $0 == UInt8(ascii: "x") })
                held = max(held, decoder.bufferedBytes)
            }
        }
        decoder.endInput()
        while let piece = try decoder.next() { total += piece.count }
        #expect(total == 65_535 * blocks)
        #expect(held < 2 * (1 << 20), "held \(held) bytes at once")
    }

    @Test("data cut short, damaged or not gzip at all is refused; bytes after a member are ignored")
    func refusals() throws {
        #expect(throws: Gzip.Failure.self) { _ = try Self.inflate([Array(Self.fixture.dropLast(3000))]) }
        #expect(throws: Gzip.Failure.self) { _ = try Self.inflate([Array(Self.fixture.prefix(6))]) }
        #expect(throws: Gzip.Failure.self) { _ = try Self.inflate([Array("id\n1\n".utf8)]) }
        var damaged = Self.fixture
        damaged[10] = 0xFF  // block type 3 does not exist
        #expect(throws: Gzip.Failure.self) { _ = try Self.inflate([damaged]) }
        #expect(try Self.inflate([Self.fixture + Array("junk".utf8)]).output == Self.rows(0..<1000))
    }

    @Test("an S3 inventory whose gzip data file is read 5 bytes at a time yields every row, a cut file fails naming it")
    func inventory() async throws {
        let manifest = #"{"destinationBucket": "arn:aws:s3:::b", "fileSchema": "Bucket, Key, Size", "files": [{"key": "inv/1.csv.gz"}]}"#
        func run(_ data: [UInt8]) async throws -> ExecutionResult {
            var executor = Executor(clock: VirtualClock())
            executor.recordsHistory = false
            executor.objectStorage = MemoryObjectStorage(
                objects: ["b": ["inv/manifest.json": Array(manifest.utf8), "inv/1.csv.gz": data]], chunkSize: 5)
            return await executor.run(
                try DistributedMapTests.machine(DistributedMapTests.reader("MANIFEST", key: "inv/manifest.json")))
        }
        let items = try await run(Self.fixture).output?.arrayValue ?? []
        #expect(items.count == 1000)
        #expect(items.last == ["Bucket": "src", "Key": "key-00999.txt", "Size": .string("\(999 * 7919 % 100_003)")])
        let cut = try await run(Array(Self.fixture.dropLast(100)))
        #expect(cut.error?.name == .itemReaderFailed)
        #expect(cut.error?.cause?.hasPrefix("s3://b/inv/1.csv.gz: truncated") == true, "\(String(describing: cut.error?.cause))")
    }
}
