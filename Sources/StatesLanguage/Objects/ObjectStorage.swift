/// Where a Distributed Map reads its items and writes its results: S3 buckets, or something
/// standing in for them (a local folder, memory).
///
/// The engine itself does no I/O: an ``Executor`` is given an object storage (see
/// ``Executor/objectStorage``); without one, ItemReader and ResultWriter fail with
/// `States.ItemReaderFailed` and `States.ResultWriterFailed`.
///
/// ```swift
/// executor.objectStorage = MemoryObjectStorage(objects: ["bucket": ["items.json": Array("[1,2]".utf8)]])
/// ```
public protocol ObjectStorage: Sendable {
    /// An object's contents, in chunks, so that a large object is never held whole.
    ///
    /// - Throws: ``ObjectStorageError`` (a missing bucket or key), or any other error.
    func read(bucket: String, key: String) async throws -> AsyncThrowingStream<[UInt8], any Error>

    /// One page of the objects whose keys start with `prefix`, in key order.
    ///
    /// - Parameter continuationToken: the previous page's ``ObjectListing/nextContinuationToken``.
    func list(bucket: String, prefix: String, continuationToken: String?) async throws -> ObjectListing

    /// Stores an object, replacing one with the same key.
    func write(bucket: String, key: String, contents: [UInt8]) async throws
}

/// One page of an object listing.
public struct ObjectListing: Sendable {
    /// The objects of this page.
    public var objects: [ObjectSummary]
    /// Where the next page starts; nil on the last page.
    public var nextContinuationToken: String?

    /// Creates a page.
    public init(objects: [ObjectSummary], nextContinuationToken: String? = nil) {
        self.objects = objects
        self.nextContinuationToken = nextContinuationToken
    }
}

/// An object in a listing, as `listObjectsV2` describes it.
public struct ObjectSummary: Sendable, Hashable {
    /// The key.
    public var key: String
    /// The size in bytes.
    public var size: Int
    /// The entity tag, quoted as S3 quotes it.
    public var eTag: String?
    /// When it was last modified (ISO 8601).
    public var lastModified: String?
    /// The storage class (`STANDARD`).
    public var storageClass: String?

    /// Creates a summary.
    public init(key: String, size: Int, eTag: String? = nil, lastModified: String? = nil, storageClass: String? = "STANDARD") {
        self.key = key
        self.size = size
        self.eTag = eTag
        self.lastModified = lastModified
        self.storageClass = storageClass
    }

    /// The item a `listObjectsV2` ItemReader passes on: `Key`, `Size`, `Etag`, `LastModified`, `StorageClass`.
    public var item: JSONValue {
        var o: JSONObject = ["Key": .string(key), "Size": .integer(size)]
        if let eTag { o["Etag"] = .string(eTag) }
        if let lastModified { o["LastModified"] = .string(lastModified) }
        if let storageClass { o["StorageClass"] = .string(storageClass) }
        return .object(o)
    }
}

/// Why an object storage call failed.
public enum ObjectStorageError: Error, Sendable, CustomStringConvertible {
    /// The bucket does not exist (or is not mapped).
    case noSuchBucket(String)
    /// The key does not exist in the bucket.
    case noSuchKey(bucket: String, key: String)

    /// In S3's words.
    public var description: String {
        switch self {
        case .noSuchBucket(let bucket): return "The specified bucket does not exist (Bucket: \(bucket))"
        case .noSuchKey(let bucket, let key): return "The specified key does not exist. (Bucket: \(bucket), Key: \(key))"
        }
    }
}
