import Foundation
import StatesLanguage

/// An ``ObjectStorage`` over local folders: each bucket name maps to a directory, each key to a
/// file path under it (`a/b.csv` is `DIR/a/b.csv`). `sfnrun start --bucket-dir BUCKET=DIR` uses it.
///
/// Buckets not mapped go to `fallback` (S3 through the task handlers, say), or fail as missing.
///
/// ```swift
/// executor.objectStorage = FolderObjectStorage(buckets: ["inventory": URL(fileURLWithPath: "data")])
/// ```
public struct FolderObjectStorage: ObjectStorage {
    /// The folder of each bucket.
    public var buckets: [String: URL]
    /// Where buckets without a folder go.
    public var fallback: (any ObjectStorage)?
    /// The size of the chunks read.
    public var chunkSize = 1024 * 1024

    /// Creates a storage over `buckets` (bucket name → folder).
    public init(buckets: [String: URL], fallback: (any ObjectStorage)? = nil) {
        self.buckets = buckets
        self.fallback = fallback
    }

    private func folder(_ bucket: String) -> URL? { buckets[bucket] }

    private static func file(_ folder: URL, _ key: String) throws -> URL {
        // Keys never leave their bucket's folder.
        let parts = key.split(separator: "/", omittingEmptySubsequences: true)
        guard !parts.contains(where: { $0 == ".." || $0 == "." }), !parts.isEmpty else {
            throw ObjectStorageError.noSuchKey(bucket: folder.lastPathComponent, key: key)
        }
        return parts.reduce(folder) { $0.appendingPathComponent(String($1)) }
    }

    /// Reads the file in ``chunkSize`` pieces.
    public func read(bucket: String, key: String) async throws -> AsyncThrowingStream<[UInt8], any Error> {
        guard let folder = folder(bucket) else {
            guard let fallback else { throw ObjectStorageError.noSuchBucket(bucket) }
            return try await fallback.read(bucket: bucket, key: key)
        }
        let url = try Self.file(folder, key)
        guard let handle = try? FileHandle(forReadingFrom: url) else {
            throw ObjectStorageError.noSuchKey(bucket: bucket, key: key)
        }
        let size = chunkSize
        return AsyncThrowingStream {
            let data = try handle.read(upToCount: size) ?? Data()
            if data.isEmpty {
                try? handle.close()
                return nil
            }
            return [UInt8](data)
        }
    }

    /// Lists the files under the folder whose keys start with `prefix`, 1,000 per page.
    public func list(bucket: String, prefix: String, continuationToken: String?) async throws -> ObjectListing {
        guard let folder = folder(bucket) else {
            guard let fallback else { throw ObjectStorageError.noSuchBucket(bucket) }
            return try await fallback.list(bucket: bucket, prefix: prefix, continuationToken: continuationToken)
        }
        let root = folder.standardizedFileURL.path
        var found: [ObjectSummary] = []
        let keys: [URLResourceKey] = [.isRegularFileKey, .fileSizeKey, .contentModificationDateKey]
        if let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: keys) {
            for case let url as URL in walker {
                let values = try? url.resourceValues(forKeys: Set(keys))
                guard values?.isRegularFile == true else { continue }
                var key = String(url.standardizedFileURL.path.dropFirst(root.count))
                if key.hasPrefix("/") { key.removeFirst() }
                guard key.hasPrefix(prefix), continuationToken.map({ key > $0 }) ?? true else { continue }
                let modified = values?.contentModificationDate.map { ISO8601DateFormatter().string(from: $0) }
                found.append(ObjectSummary(key: key, size: values?.fileSize ?? 0, lastModified: modified))
            }
        }
        found.sort { $0.key < $1.key }
        let page = Array(found.prefix(1000))
        return ObjectListing(objects: page, nextContinuationToken: found.count > page.count ? page.last?.key : nil)
    }

    /// Writes the file (creating its folders) through a temporary file, so a reader never sees half of it.
    public func write(bucket: String, key: String, contents: [UInt8]) async throws {
        guard let folder = folder(bucket) else {
            guard let fallback else { throw ObjectStorageError.noSuchBucket(bucket) }
            return try await fallback.write(bucket: bucket, key: key, contents: contents)
        }
        let url = try Self.file(folder, key)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(contents).write(to: url, options: .atomic)
    }
}
