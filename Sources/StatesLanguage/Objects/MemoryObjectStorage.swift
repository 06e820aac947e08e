import Synchronization

/// An ``ObjectStorage`` held in memory: buckets of keys and bytes, for tests and small runs.
public final class MemoryObjectStorage: ObjectStorage {
    private let buckets: Mutex<[String: [String: [UInt8]]]>
    /// The size of the chunks ``read(bucket:key:)`` yields.
    public let chunkSize: Int

    /// Creates a storage holding `objects` (bucket → key → contents).
    public init(objects: [String: [String: [UInt8]]] = [:], chunkSize: Int = 64 * 1024) {
        buckets = Mutex(objects)
        self.chunkSize = max(1, chunkSize)
    }

    /// The contents of every bucket.
    public var objects: [String: [String: [UInt8]]] { buckets.withLock { $0 } }

    /// Yields the object in ``chunkSize`` pieces.
    public func read(bucket: String, key: String) async throws -> AsyncThrowingStream<[UInt8], any Error> {
        let contents = try buckets.withLock { buckets throws(ObjectStorageError) -> [UInt8] in
            guard let objects = buckets[bucket] else { throw .noSuchBucket(bucket) }
            guard let contents = objects[key] else { throw .noSuchKey(bucket: bucket, key: key) }
            return contents
        }
        let size = chunkSize
        return AsyncThrowingStream { continuation in
            var start = 0
            while start < contents.count {
                let end = min(start + size, contents.count)
                continuation.yield(Array(contents[start..<end]))
                start = end
            }
            continuation.finish()
        }
    }

    /// Lists keys with the prefix, 1,000 per page (the token is the last key of the page).
    public func list(bucket: String, prefix: String, continuationToken: String?) async throws -> ObjectListing {
        let keys = try buckets.withLock { buckets throws(ObjectStorageError) -> [(String, Int)] in
            guard let objects = buckets[bucket] else { throw .noSuchBucket(bucket) }
            return objects.filter { $0.key.hasPrefix(prefix) }.map { ($0.key, $0.value.count) }
        }.sorted { $0.0 < $1.0 }
        let after = keys.drop { key, _ in continuationToken.map { key <= $0 } ?? false }
        let page = Array(after.prefix(1000))
        return ObjectListing(
            objects: page.map { ObjectSummary(key: $0.0, size: $0.1) },
            nextContinuationToken: after.count > page.count ? page.last?.0 : nil)
    }

    /// Stores the object, creating the bucket if needed.
    public func write(bucket: String, key: String, contents: [UInt8]) async throws {
        buckets.withLock { $0[bucket, default: [:]][key] = contents }
    }
}
