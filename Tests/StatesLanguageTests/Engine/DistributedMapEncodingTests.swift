import Foundation
import StatesLanguage
import Testing

/// Objects whose bytes are not UTF-8: the reader refuses them, naming the object and the place.
@Suite("Distributed Map: objects that are not UTF-8")
struct DistributedMapEncodingTests {
    /// Runs a reader of `type` over one object of `bytes`, read `chunkSize` bytes at a time.
    static func read(_ type: String, _ bytes: [UInt8], chunkSize: Int = 3) async throws -> ExecutionResult {
        var executor = Executor(clock: VirtualClock())
        executor.objectStorage = MemoryObjectStorage(objects: ["b": ["data": bytes]], chunkSize: chunkSize)
        return await executor.run(try DistributedMapTests.machine(DistributedMapTests.reader(type, key: "data")))
    }

    @Test("a CSV field with a byte that is not UTF-8 fails with States.ItemReaderFailed naming the object, row, line, field and byte")
    func csv() async throws {
        let bad = Array("host,zone\nweb-1,a\nweb-2,z".utf8) + [0xFF] + Array("z\n".utf8)
        let result = try await Self.read("CSV", bad)
        #expect(result.error?.name == .itemReaderFailed)
        #expect(
            result.error?.cause
                == "s3://b/data: row 2 (line 3), field 2 is not valid UTF-8: byte 0xFF at byte 2 of the field")
        let header = try await Self.read("CSV", Array("host,".utf8) + [0xC3, 0x28] + Array("\nweb-1,a\n".utf8))
        #expect(header.error?.cause?.hasSuffix("the header row (line 1), field 2 is not valid UTF-8: byte 0xC3 at byte 1 of the field") == true)
        // Well-formed multi-byte characters split across chunks are read whole.
        let fine = try await Self.read("CSV", Array("host\nwéb-1 ✓\n".utf8), chunkSize: 1)
        #expect(fine.output == [["host": "wéb-1 ✓"]])
    }

    @Test("JSON Lines and JSON arrays with bytes that are not UTF-8 in a string fail naming the object, the line and the byte")
    func json() async throws {
        let lines = try await Self.read("JSONL", Array("{\"a\": 1}\n{\"a\": \"x".utf8) + [0xFE] + Array("\"}\n".utf8))
        #expect(lines.error?.name == .itemReaderFailed)
        let cause = try #require(lines.error?.cause)
        #expect(cause.hasPrefix("s3://b/data: line 2 is not valid JSON: "), "\(cause)")
        #expect(cause.contains("UTF-8") && cause.contains("byte "))
        let array = try await Self.read("JSON", Array("[\"ok\", \"".utf8) + [0x80] + Array("\"]".utf8))
        #expect(array.error?.name == .itemReaderFailed)
        #expect(array.error?.cause?.hasPrefix("s3://b/data: the array element 2 (line 1) is not valid JSON: ") == true)
        #expect(array.error?.cause?.contains("UTF-8") == true)
    }

    @Test("over S3 a body that is not UTF-8 comes base64-encoded; its bytes are decoded and refused the same way")
    func throughS3Handlers() async throws {
        let bytes = Array("id\n1\n".utf8) + [0xFF] + Array("\n".utf8)
        var registry = TaskRegistry()
        // The AWS integration answers a body that is not UTF-8 in base64, with its ContentLength.
        registry.register(for: "arn:aws:states:::aws-sdk:s3:getObject") { _ in
            ["Body": .string(Data(bytes).base64EncodedString()), "ContentLength": .integer(bytes.count)]
        }
        let result = await Executor(registry: registry, clock: VirtualClock()).run(
            try DistributedMapTests.machine(DistributedMapTests.reader("CSV", key: "ids.csv")))
        #expect(result.error?.cause == "s3://b/ids.csv: row 2 (line 3), field 1 is not valid UTF-8: byte 0xFF at byte 1 of the field")
    }
}
