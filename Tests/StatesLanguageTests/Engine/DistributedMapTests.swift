import Foundation
import StatesLanguage
import Testing

@Suite("Distributed Map: readers, batches, Map Runs and result files")
struct DistributedMapTests {
    /// A distributed Map named Each over `reader`, with extra Map fields and a child of one Pass state.
    static func machine(_ fields: String, child: String = #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#)
        throws -> StateMachine
    {
        let processor = String(child.dropLast()) + #", "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}}"#
        return try StateMachine(
            parsing: #"{"StartAt": "Each", "States": {"Each": {"Type": "Map", "End": true, "ItemProcessor": "#
                + processor + ", " + fields + "}}}", name: "Fleet")
    }

    static func run(
        _ machine: StateMachine, input: JSONValue = [:], objects: [String: [String: String]] = [:], chunkSize: Int = 5
    ) async -> (ExecutionResult, MemoryObjectStorage) {
        let storage = MemoryObjectStorage(
            objects: objects.mapValues { $0.mapValues { Array($0.utf8) } }, chunkSize: chunkSize)
        var executor = Executor(clock: VirtualClock())
        executor.objectStorage = storage
        return (await executor.run(machine, input: input), storage)
    }

    static func reader(_ type: String, key: String, extra: String = "") -> String {
        #""ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": ""#
            + type + #"" \#(extra)}, "Parameters": {"Bucket": "b", "Key": ""# + key + #""}}"#
    }

    @Test("a JSON array read in 5-byte chunks, strings with brackets and commas included, runs one child per element")
    func jsonArray() async throws {
        let text = #"[{"a": "x,]"}, [1, [2]], "q\"]", 3 ]"#
        let (result, _) = await Self.run(try Self.machine(Self.reader("JSON", key: "k.json")), objects: ["b": ["k.json": text]])
        #expect(result.output == [["a": "x,]"], [1, [2]], "q\"]", 3])
        #expect(result.history.map(\.kind.name).contains("MapRunStarted"))
        #expect(!result.history.map(\.kind.name).contains("MapIterationStarted"))
        let run = try #require(result.mapRuns.first)
        #expect(run.executionCounts.succeeded == 4 && run.itemCounts.total == 4)
        #expect(run.arn.contains(":mapRun:Fleet/Each:"))
        #expect(run.childExecutionARNs.allSatisfy { $0.contains(":execution:Fleet/Each:") })
    }

    @Test("JSON Lines skip blank lines; a bad line names the object and the line")
    func jsonLines() async throws {
        let machine = try Self.machine(Self.reader("JSONL", key: "k.jsonl"))
        let (good, _) = await Self.run(machine, objects: ["b": ["k.jsonl": "{\"n\": 1}\n\n{\"n\": 2}\r\n3"]])
        #expect(good.output == [["n": 1], ["n": 2], 3])
        let (bad, _) = await Self.run(machine, objects: ["b": ["k.jsonl": "1\n{oops\n"]])
        #expect(bad.error?.name == .itemReaderFailed)
        #expect(bad.error?.cause?.contains("s3://b/k.jsonl") == true && bad.error?.cause?.contains("line 2") == true)
        #expect(bad.history.map(\.kind.name).suffix(3) == ["MapRunFailed", "MapStateFailed", "ExecutionFailed"])
    }

    @Test("CSV with GIVEN headers, a PIPE delimiter and quoted fields; a short row is refused with its row number")
    func csv() async throws {
        let machine = try Self.machine(
            Self.reader("CSV", key: "k.csv", extra: #", "CSVHeaderLocation": "GIVEN", "CSVHeaders": ["id", "note"], "CSVDelimiter": "PIPE""#))
        let (good, _) = await Self.run(machine, objects: ["b": ["k.csv": "1|\"a|b\"\n2|\"say \"\"hi\"\"\nthere\"\n"]])
        #expect(good.output == [["id": "1", "note": "a|b"], ["id": "2", "note": "say \"hi\"\nthere"]])
        let (bad, _) = await Self.run(machine, objects: ["b": ["k.csv": "1|x\n2\n"]])
        #expect(bad.error?.name == .itemReaderFailed)
        #expect(bad.error?.cause?.contains("row 2") == true && bad.error?.cause?.contains("s3://b/k.csv") == true)
    }

    @Test("a missing object and an item over 256 KiB fail with States.ItemReaderFailed naming the object")
    func readerFailures() async throws {
        let (missing, _) = await Self.run(try Self.machine(Self.reader("JSON", key: "nope.json")), objects: ["b": [:]])
        #expect(missing.error?.name == .itemReaderFailed)
        #expect(missing.error?.cause?.contains("s3://b/nope.json") == true)
        let huge = "[\"" + String(repeating: "x", count: 300_000) + "\"]"
        let (big, _) = await Self.run(
            try Self.machine(Self.reader("JSON", key: "big.json")), objects: ["b": ["big.json": huge]], chunkSize: 65536)
        #expect(big.error?.name == .itemReaderFailed)
        #expect(big.error?.cause?.contains("262144") == true)
    }

    @Test("listObjectsV2 pages through 1,500 keys under a prefix; MaxItems stops early")
    func listing() async throws {
        var keys: [String: String] = ["other/x": "1"]
        for i in 0..<1500 { keys[String(format: "logs/%04d.txt", i)] = String(repeating: "a", count: i % 7) }
        let all = try Self.machine(
            #""ItemReader": {"Resource": "arn:aws:states:::s3:listObjectsV2", "Parameters": {"Bucket": "b", "Prefix": "logs/"}}"#)
        let (result, _) = await Self.run(all, objects: ["b": keys])
        let items = result.output?.arrayValue ?? []
        #expect(items.count == 1500)
        #expect(items[1499]["Key"] == "logs/1499.txt" && items[3]["Size"] == 3)
        let limited = try Self.machine(
            #""ItemReader": {"Resource": "arn:aws:states:::s3:listObjectsV2", "ReaderConfig": {"MaxItems": 3}, "Parameters": {"Bucket": "b", "Prefix": "logs/"}}"#)
        let (few, _) = await Self.run(limited, objects: ["b": keys])
        #expect(few.output?.arrayValue?.count == 3)
    }

    @Test("an S3 inventory manifest with a gzip CSV data file (dynamic Huffman blocks) yields its rows under fileSchema")
    func manifest() async throws {
        let gzip = Array(Data(base64Encoded: "H4sIAAAAAAACA1XZO44g1xEFUV/LoE0KlTffdz2CLHkiDWr3IjAVxYkx05pAX+Cdrv79v//69Zf//Pt/vz1//fvnH3/+8cuvzz9+/+lYP469dc2P6x669o9rVek83vM4Os/3fKbO68c5ic77Pc+r83nPd+l83/9198/neohRY72N41FkvZFjqLLeynFUWW/lLFXWWzmnKuutnFeV9VauqLLeyrVUWW/lflSZhx+OKvNW7q3KvJWnVJm38kxV5q08R5V5K29UmbfyLlXmrbxXlXkrW5EhUo39MDU1djE1NXaYmhq7mZoaezA1NfZkamrsxdTU2JsYNfZhaorsy9RUOR6mpspRTE2VI0xNlaOZmirHYGqqHJOpqXIspqbKsfnhqHIcpqbKcZmaKufD1FQ5i6mpcoapqXI2U1PlHExNlfOtbEVOItU438Z61DgPU1PjvExNjethampcxdTUuMLU1LiaqalxDaamxjWZmiLXYmqqXG/l2Kpch6mpcl2mpsr9MDVV7mJqqtxhaqrczdRUuQdTU+WeTE2VezE1Ve638gxV7sPUVLkvU1PleZiaKk8xNVWet7IVeYhU4+GlfNR4eCmHGs9iamo8vJSlxsNLOdV4LlNT4+WlbDVeNLDUeHkpH0VeXsqhyjuYmiovL2Wp8vJSTlXet3IeVV5eyqjyXqb2c2Uhnv08OvNSCj31oUfqKdRzpJ5CPUfqKdRzpJ5CPVfqKdRzpZ5CPVfqqb/V8/O1vkhdeSllnsI8JfMU5imZpzBPZJ7CPJF5CvNE5inM0zJP1acBNWKeIfMU5hkyT2GeIfMU5pkyT2GeKfMU5pkyT2GeJfMU5lkyT2GeJfMU5tlCT33okXoK9Rypp1DPkXoK9Rypp1DPlXoK9Vypp1DPlXrqU48i+4vUlZdS5inMUzJPYZ6SeQrzROYpzBOZpzBPZJ7CPC3zFOZpmacwz5B5CvMMmacwz5B5CvNMmacwz5R5CvNMmacwz5J5CvMsmacwz5J5CvNsoac+9Eg9hXqO1FOo50g9hXqO1FOo50o9hXqu1FOo50o99alHkaBH5inMUzJPYZ6SeQrzlMxTmCcyT2GeyDyFeSLzFOZpmacwT8s8hXmGzFOYZ8g8hXmGzFOYZ8o8hXmmzFOYZ8o8hXmWzFOYZ8k8hXmWzFOYZws99aFH6inUc6SeQj1H6inUc6SeQj1X6inUc6WeQj1X6qlPPYoEPTJPYZ6SeQrzlMxTmKdknsI8kXkK80TmKcwTmacwT8s8hXla5gnmGTJPMM+QeYJ5hswTzDNlnmCeKfME80yZJ5hnyTzBPEvmCeZZMk+e7/OAKj/0SD1BPUfqCeo5Uk9Qz5F6gnqu1BPUc6WeoJ4r9QT1CD35+0OPrryUMk8wT8k8wTwl8wTzROYJ5onME8wTmSeYp2WeYJ6WeYJ5WuYJ5hkyTzDPkHmCeabME8wzZZ5gninzBPMsmSeYZ8k8wTxL5gnm2UJPQM+WeoJ6jtQT1HOknqCeI/UE9VypJ6jnSj1BPVfqyfh+lroSqUbMUzJPME/JPME8JfME80TmCeaJzBPME5knmKdlnmCelnmCeVrmCeYZMk8wz5B5gnmmzBPMM2WeYJ4p8wTzLJknmGfJPME8S+YJ5tlCT0DPlnqCeo7UE9RzpJ6gniP1BPVcqSeo50o9QT1X6gnqEXryfehRI+YpmSeYp2SeYJ6SeYJ5IvME80TmCeaJzBPM0zJPME/LPME8LfME8wyZJ5hnyDzBPFPmCeaZMk8wz5R5gnmWzBPMs2SeYJ4l8wTzbKEnoGdLPUE9R+oJ6jlST1DPkXqCeq7UE9RzpZ6gniv1BPUIPfk+9Pzc2JinZJ7GPCXzNOYpmacxT2SexjyReRrzRObp5/u9OTrzUso8jXla5mnMM2SexjxD5mnMM2WexjxT5mnMM2WexjxL5un6HhFVYp4l8zTm2UJPg54t9TTqOVJPo54j9TTqOVJPo54r9TTquVJPo54r9XS+71m6fnzV9fvblq48lCJPQ54SeRryRORpyBORpyFPRJ6GPC3yNORpkachT4s8DXmGyNOQZ4g8DXmmyNOQZ4o8DXmmyNOQZ4k8DXmWyNOQZ4k8DXm2zNOYZws9DXqO0NOg5wg9DXqO0NOg5wo9DXqu0NOg5wo9DXpknv6+86jx+9OWEhFPSTyNeEriacQTiacRTySeRjyReBrxtMTTiKclnkY8LfE04hkSTyOeIfE04pkSTyOeKfE04pkSTyOeJfE04lkSTyOeJfE04tkiT0OeLfM05jkyT2OeI/M05jkyT2OeK/M05rkyT2OeK/M05hF5+vvMo8bvL1tKBDwl8DTgKYGnAU8EngY8EXga8ETgacDTAk8DnhZ4GvC0wNOAZwg8DXiGwNOAZwo8DXimwNOAZwo8DXiWwNOAZwk8DXiWwNOAZ0s8jXj2X+T5P5EqrtDNIwAA")!)
        let manifest = #"{"sourceBucket": "src", "destinationBucket": "arn:aws:s3:::b", "fileFormat": "CSV", "fileSchema": "Bucket, Key, Size", "files": [{"key": "inv/data/1.csv.gz"}]}"#
        let storage = MemoryObjectStorage(objects: ["b": ["inv/manifest.json": Array(manifest.utf8), "inv/data/1.csv.gz": gzip]])
        var executor = Executor(clock: VirtualClock())
        executor.objectStorage = storage
        let result = await executor.run(try Self.machine(Self.reader("MANIFEST", key: "inv/manifest.json")))
        let items = result.output?.arrayValue ?? []
        #expect(items.count == 400)
        for i in [0, 1, 399] {
            #expect(items[i] == ["Bucket": "src", "Key": .string(String(format: "key-%04d.txt", i)), "Size": .string("\(i * 37 % 1000)")])
        }
    }

    @Test("ItemBatcher: batches by count and by bytes, with BatchInput, and ItemSelector applied per item")
    func batching() async throws {
        let machine = try Self.machine(
            #""ItemSelector": {"v.$": "$$.Map.Item.Value", "i.$": "$$.Map.Item.Index"}, "ItemBatcher": {"MaxItemsPerBatch": 2, "BatchInput": {"run.$": "$.run"}}, "ItemsPath": "$.items""#)
        let (result, _) = await Self.run(machine, input: ["run": "r1", "items": [10, 20, 30]])
        #expect(result.output == [
            ["Items": [["v": 10, "i": 0], ["v": 20, "i": 1]], "BatchInput": ["run": "r1"]],
            ["Items": [["v": 30, "i": 2]], "BatchInput": ["run": "r1"]],
        ])
        let bytes = try Self.machine(#""ItemBatcher": {"MaxInputBytesPerBatchPath": "$.limit"}, "ItemsPath": "$.items""#)
        let (byBytes, _) = await Self.run(bytes, input: ["limit": 10, "items": ["aaaa", "bbbb", "cccc"]])
        #expect(byBytes.output == [["Items": ["aaaa"]], ["Items": ["bbbb"]], ["Items": ["cccc"]]])
        let (mapRun, _) = await Self.run(bytes, input: ["limit": 20, "items": ["aaaa", "bbbb", "cccc"]])
        #expect(mapRun.output == [["Items": ["aaaa", "bbbb"]], ["Items": ["cccc"]]])
        #expect(mapRun.mapRuns.first?.itemCounts.succeeded == 3 && mapRun.mapRuns.first?.executionCounts.succeeded == 2)
    }

    static let failingChild = #"{"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Variable": "$", "NumericGreaterThan": 5, "Next": "Bad"}], "Default": "Ok"}, "Ok": {"Type": "Pass", "End": true}, "Bad": {"Type": "Fail", "Error": "Too.Big", "Cause": "over 5"}}}"#

    @Test("ToleratedFailurePercentage: 2 of 10 failing pass at 20% and fail at 10% with States.ExceedToleratedFailureThreshold")
    func tolerated() async throws {
        let items: JSONValue = [1, 2, 3, 4, 5, 6, 7, 1, 2, 3]
        let lenient = try Self.machine(#""ToleratedFailurePercentage": 20, "MaxConcurrency": 1"#, child: Self.failingChild)
        let (ok, _) = await Self.run(lenient, input: items)
        #expect(ok.status.name == "SUCCEEDED")
        let outputs = ok.output?.arrayValue ?? []
        #expect(outputs[0] == 1 && outputs[5]["Error"] == "Too.Big" && outputs[5]["Status"] == "FAILED")
        #expect(ok.mapRuns.first?.executionCounts.failed == 2 && ok.mapRuns.first?.executionCounts.succeeded == 8)
        let strict = try Self.machine(#""ToleratedFailurePercentage": 10, "MaxConcurrency": 1"#, child: Self.failingChild)
        let (failed, _) = await Self.run(strict, input: items)
        #expect(failed.error?.name == .exceedToleratedFailureThreshold)
        #expect(failed.history.map(\.kind.name).suffix(3) == ["MapRunFailed", "MapStateFailed", "ExecutionFailed"])
        #expect(failed.mapRuns.first?.status == "FAILED")
        let none = try Self.machine(#""MaxConcurrency": 1"#, child: Self.failingChild)
        let (untolerated, _) = await Self.run(none, input: [1, 9])
        #expect(untolerated.error?.name == .exceedToleratedFailureThreshold)
    }

    @Test("ResultWriter exports SUCCEEDED and FAILED parts and a manifest; the output is ResultWriterDetails")
    func resultWriter() async throws {
        let machine = try Self.machine(
            #""ToleratedFailureCount": 5, "Label": "Sizes", "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "out", "Prefix": "runs"}}"#,
            child: Self.failingChild)
        let (result, storage) = await Self.run(machine, input: [1, 7, 2])
        #expect(result.status.name == "SUCCEEDED")
        let details = try #require(result.output?["ResultWriterDetails"])
        #expect(details["Bucket"] == "out")
        let key = try #require(details["Key"]?.stringValue)
        #expect(key.hasPrefix("runs/") && key.hasSuffix("/manifest.json"))
        #expect(result.output?["MapRunArn"]?.stringValue?.contains(":mapRun:Fleet/Sizes:") == true)
        let files = storage.objects["out"] ?? [:]
        let manifest = try JSONValue(parsing: try #require(files[key]))
        #expect(manifest["DestinationBucket"] == "out")
        let succeededKey = try #require(manifest["ResultFiles"]?["SUCCEEDED"]?[0]?["Key"]?.stringValue)
        #expect(succeededKey.hasSuffix("/SUCCEEDED_0.json"))
        let succeeded = try JSONValue(parsing: try #require(files[succeededKey]))
        #expect(succeeded.arrayValue?.count == 2)
        #expect(Set((succeeded.arrayValue ?? []).compactMap { $0["Output"]?.stringValue }) == ["1", "2"])
        #expect(succeeded[0]?["Status"] == "SUCCEEDED" && succeeded[0]?["ExecutionArn"]?.stringValue?.contains(":execution:Fleet/Sizes:") == true)
        let failedKey = try #require(manifest["ResultFiles"]?["FAILED"]?[0]?["Key"]?.stringValue)
        let failed = try JSONValue(parsing: try #require(files[failedKey]))
        #expect(failed[0]?["Error"] == "Too.Big" && failed[0]?["Input"] == "7")
        #expect(manifest["ResultFiles"]?["PENDING"] == [])
    }

    @Test("WriterConfig: JSONL with FLATTEN exports one line per element; WriterConfig alone reshapes the output")
    func writerConfig() async throws {
        let child = #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"pair.$": "States.Array($, $)"}, "OutputPath": "$.pair", "End": true}}}"#
        let exported = try Self.machine(
            #""ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "out", "Prefix": ""}, "WriterConfig": {"OutputType": "JSONL", "Transformation": "FLATTEN"}}"#,
            child: child)
        let (result, storage) = await Self.run(exported, input: [1, 2])
        let files = storage.objects["out"] ?? [:]
        let manifest = try JSONValue(parsing: try #require(files[result.output?["ResultWriterDetails"]?["Key"]?.stringValue ?? ""]))
        let part = try #require(manifest["ResultFiles"]?["SUCCEEDED"]?[0]?["Key"]?.stringValue)
        let lines = String(decoding: try #require(files[part]), as: UTF8.self).split(separator: "\n").sorted()
        #expect(lines == ["1", "1", "2", "2"])
        let inline = try Self.machine(#""ResultWriter": {"WriterConfig": {"OutputType": "JSON", "Transformation": "FLATTEN"}}"#, child: child)
        let (flat, _) = await Self.run(inline, input: [1, 2])
        #expect(flat.output == [1, 1, 2, 2])
    }

    @Test("without an ObjectStorage the reader's S3 call goes to the task handlers, as a mock would answer it")
    func throughHandlers() async throws {
        var registry = TaskRegistry()
        registry.register(for: "arn:aws:states:::aws-sdk:s3:getObject") { request in
            #expect(request.stateName == "Each")
            #expect(request.input["Key"] == "k.json")
            return ["Body": "[\"x\", \"y\"]"]
        }
        let result = await Executor(registry: registry, clock: VirtualClock()).run(
            try Self.machine(Self.reader("JSON", key: "k.json")))
        #expect(result.output == ["x", "y"])
    }

    @Test("definitions: ItemReader outside a distributed Map, a bad InputType and a bad Resource are refused where they are")
    func validation() throws {
        func problems(_ text: String) -> [String] {
            do {
                _ = try StateMachine(parsing: text)
                return []
            } catch { return error.diagnostics.map { "\($0.path) \($0.message)" } }
        }
        let inline = problems(#"{"StartAt": "M", "States": {"M": {"Type": "Map", "End": true, "ItemBatcher": {"MaxItemsPerBatch": 2}, "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}"#)
        #expect(inline.contains { $0.contains("States.M.ItemBatcher") && $0.contains("distributed Map") })
        let badType = problems(#"{"StartAt": "M", "States": {"M": {"Type": "Map", "End": true, "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "XML"}}, "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED"}, "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}"#)
        #expect(badType.contains { $0.contains("ReaderConfig.InputType") && $0.contains("XML") })
        let badResource = problems(#"{"StartAt": "M", "States": {"M": {"Type": "Map", "End": true, "ResultWriter": {"Resource": "arn:aws:states:::s3:getObject", "Parameters": {}}, "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED"}, "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}"#)
        #expect(badResource.contains { $0.contains("ResultWriter.Resource") })
    }
}

@Suite("Distributed Map: stopping a Map Run")
struct DistributedMapStopTests {
    @Test("stopping the execution while children wait records MapRunAborted and MapStateAborted")
    func stop() async throws {
        let machine = try DistributedMapTests.machine(
            #""MaxConcurrency": 2"#, child: #"{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 3600, "End": true}}}"#)
        var executor = Executor(clock: SystemClock())
        executor.objectStorage = MemoryObjectStorage()
        let execution = try await executor.start(machine, input: [1, 2, 3])
        for await event in execution.events {
            if case .mapRunStarted = event.kind { break }
        }
        execution.stop(error: "Operator", cause: "enough")
        let result = await execution.result
        #expect(result.status.name == "ABORTED")
        let names = result.history.map(\.kind.name)
        #expect(names.suffix(3) == ["MapRunAborted", "MapStateAborted", "ExecutionAborted"])
        #expect(result.mapRuns.first?.status == "ABORTED")
    }
}
