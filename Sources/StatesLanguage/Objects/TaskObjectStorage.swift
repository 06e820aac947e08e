import Foundation
import Synchronization

/// An ``ObjectStorage`` that makes S3 calls through a ``TaskRegistry``, as Task states make them:
/// `arn:aws:states:::aws-sdk:s3:getObject`, `…:listObjectsV2` and `…:putObject`.
///
/// With the AWS integrations registered this is S3 itself (or an endpoint such as moto); with a
/// mock test case the calls are answered like any Task state of the Map's name, so a mock file can
/// give `{"Body": "[1, 2, 3]"}` for the reader. Objects are read in ranges of ``chunkSize`` bytes
/// when the handler honours `Range` (S3 does; a mock answering with the whole body is fine too).
///
/// After a stop, the export of an aborted Map Run still calls the handlers for
/// ``Executor/resultWriterGraceSeconds``; their requests then carry a clock of the export's own
/// (the execution's, which on a ``VirtualClock`` moves only while a handler waits on it).
public struct TaskObjectStorage: ObjectStorage {
    /// The handlers.
    public var registry: TaskRegistry
    /// The state the calls are made for (the Map state's name; mocks are keyed by it).
    public var stateName: String
    /// The clock handed to handlers.
    public var clock: any ExecutionClock
    /// Bytes asked for per `getObject` call.
    public var chunkSize = 4 * 1024 * 1024

    /// Creates a storage over `registry`.
    public init(registry: TaskRegistry, stateName: String, clock: any ExecutionClock = SystemClock()) {
        self.registry = registry
        self.stateName = stateName
        self.clock = clock
    }

    private func call(_ action: String, _ input: JSONObject) async throws -> JSONObject {
        let resource = try ResourceARN("arn:aws:states:::aws-sdk:s3:\(action)")
        guard let handler = registry.handler(for: resource) else {
            throw StatesError(.runtime, cause: "No handler serves \(resource) (S3 for the Distributed Map)")
        }
        // An aborted Map Run's export, in its grace after a stop, gives its handlers a clock of its own.
        let request = TaskRequest(
            resource: resource, input: .object(input), stateName: stateName,
            clock: ResultWriterGrace.handlerClock ?? clock)
        return try await handler.invoke(request).objectValue ?? JSONObject()
    }

    /// Reads the object range by range.
    public func read(bucket: String, key: String) async throws -> AsyncThrowingStream<[UInt8], any Error> {
        let offset = Mutex<Int?>(0)
        let size = chunkSize
        let storage = self
        // The first range is fetched now, so that a missing object fails here.
        let first = try await storage.fetch(bucket: bucket, key: key, from: 0, size: size)
        offset.withLock { $0 = first.next }
        let pending = Mutex<[UInt8]?>(first.bytes)
        return AsyncThrowingStream {
            if let bytes = pending.withLock({ value -> [UInt8]? in
                defer { value = nil }
                return value
            }) {
                return bytes
            }
            guard let start = offset.withLock({ $0 }) else { return nil }
            let part = try await storage.fetch(bucket: bucket, key: key, from: start, size: size)
            offset.withLock { $0 = part.next }
            return part.bytes
        }
    }

    /// One range: its bytes and where the next starts (nil after the last).
    private func fetch(bucket: String, key: String, from start: Int, size: Int) async throws -> (bytes: [UInt8], next: Int?) {
        let output = try await call(
            "getObject", ["Bucket": .string(bucket), "Key": .string(key), "Range": .string("bytes=\(start)-\(start + size - 1)")])
        let body = output["Body"]?.stringValue ?? ""
        var bytes = Array(body.utf8)
        // A body that is not UTF-8 comes back in base64; its length tells which it is.
        if let length = output["ContentLength"]?.intValue, bytes.count != length,
            let data = Data(base64Encoded: body), data.count == length
        {
            bytes = Array(data)
        }
        // "bytes 0-99/1234": more to read when the range ends before the total.
        guard let range = output["ContentRange"]?.stringValue, let slash = range.lastIndex(of: "/"),
            let total = Int(range[range.index(after: slash)...])
        else { return (bytes, nil) }
        let next = start + bytes.count
        return (bytes, next < total && !bytes.isEmpty ? next : nil)
    }

    /// `listObjectsV2` with `Prefix` and `ContinuationToken`.
    public func list(bucket: String, prefix: String, continuationToken: String?) async throws -> ObjectListing {
        var input: JSONObject = ["Bucket": .string(bucket)]
        if !prefix.isEmpty { input["Prefix"] = .string(prefix) }
        if let continuationToken { input["ContinuationToken"] = .string(continuationToken) }
        let output = try await call("listObjectsV2", input)
        let objects = (output["Contents"]?.arrayValue ?? []).compactMap { entry -> ObjectSummary? in
            guard let key = entry["Key"]?.stringValue else { return nil }
            return ObjectSummary(
                key: key, size: entry["Size"]?.intValue ?? 0, eTag: entry["ETag"]?.stringValue ?? entry["Etag"]?.stringValue,
                lastModified: entry["LastModified"]?.stringValue, storageClass: entry["StorageClass"]?.stringValue)
        }
        let truncated = output["IsTruncated"]?.boolValue ?? false
        return ObjectListing(objects: objects, nextContinuationToken: truncated ? output["NextContinuationToken"]?.stringValue : nil)
    }

    /// `putObject` with the contents as `Body` (results are JSON text).
    public func write(bucket: String, key: String, contents: [UInt8]) async throws {
        _ = try await call(
            "putObject", ["Bucket": .string(bucket), "Key": .string(key), "Body": .string(String(decoding: contents, as: UTF8.self))])
    }
}
