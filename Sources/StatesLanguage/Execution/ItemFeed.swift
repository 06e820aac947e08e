/// The items of a distributed Map, one at a time: from the input array, an object read chunk by
/// chunk, an object listing page by page, or an S3 inventory manifest's files.
final class ItemFeed {
    private enum Source {
        case array([JSONValue], Int)
        case object(AsyncThrowingStream<[UInt8], any Error>.AsyncIterator, ItemDecoder, ended: Bool)
        case listing(any ObjectStorage, bucket: String, prefix: String, token: String?, ended: Bool)
        case manifest(any ObjectStorage, bucket: String, keys: [String], headers: ItemReader.CSVHeaders, delimiter: UInt8)
        case done
    }

    private var source: Source
    private var queue: [JSONValue] = []
    private var queueIndex = 0
    private var remaining: Int?
    /// The number of items when they came from the input (0 otherwise), for `MapStateStarted`.
    let arrayCount: Int

    init(items: [JSONValue]) {
        source = .array(items, 0)
        arrayCount = items.count
    }

    init(
        object storage: any ObjectStorage, bucket: String, key: String, format: ItemDecoder.Format, maxItems: Int?
    ) async throws {
        let stream = try await Self.open(storage, bucket: bucket, key: key)
        source = .object(
            stream.makeAsyncIterator(), try ItemDecoder(format: format, objectName: "s3://\(bucket)/\(key)"),
            ended: false)
        remaining = maxItems
        arrayCount = 0
    }

    init(listing storage: any ObjectStorage, bucket: String, prefix: String, maxItems: Int?) {
        source = .listing(storage, bucket: bucket, prefix: prefix, token: nil, ended: false)
        remaining = maxItems
        arrayCount = 0
    }

    /// Reads an S3 inventory `manifest.json`: its `files` list the CSV data files (gzip or not),
    /// whose columns `fileSchema` names.
    init(
        manifest storage: any ObjectStorage, bucket: String, key: String, headers: ItemReader.CSVHeaders,
        delimiter: UInt8, maxItems: Int?
    ) async throws {
        var bytes: [UInt8] = []
        for try await chunk in try await Self.open(storage, bucket: bucket, key: key) {
            bytes += chunk
            if bytes.count > 16 * 1024 * 1024 {
                throw StatesError(.itemReaderFailed, cause: "s3://\(bucket)/\(key): the manifest is larger than 16 MiB")
            }
        }
        guard let manifest = try? JSONValue(parsing: bytes), case .array(let files)? = manifest["files"] else {
            throw StatesError(
                .itemReaderFailed, cause: "s3://\(bucket)/\(key) is not an S3 inventory manifest (no 'files' array)")
        }
        let schema = manifest["fileSchema"]?.stringValue.map {
            $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        let dataBucket = manifest["destinationBucket"]?.stringValue.map {
            $0.hasPrefix("arn:aws:s3:::") ? String($0.dropFirst("arn:aws:s3:::".count)) : $0
        } ?? bucket
        let resolved: ItemReader.CSVHeaders = schema.map { .given($0) } ?? headers
        source = .manifest(
            storage, bucket: dataBucket, keys: files.compactMap { $0["key"]?.stringValue }, headers: resolved,
            delimiter: delimiter)
        remaining = maxItems
        arrayCount = 0
    }

    private static func open(
        _ storage: any ObjectStorage, bucket: String, key: String
    ) async throws -> AsyncThrowingStream<[UInt8], any Error> {
        do {
            return try await storage.read(bucket: bucket, key: key)
        } catch {
            throw StatesError(.itemReaderFailed, cause: "s3://\(bucket)/\(key) could not be read: \(Self.describe(error))")
        }
    }

    /// An error's name and cause, for an ItemReaderFailed cause.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? StatesError else { return "\(error)" }
        return [error.name.rawValue, error.cause].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
    }

    /// The next item, or nil after the last (or after `MaxItems`).
    func next() async throws -> JSONValue? {
        if let remaining, remaining <= 0 { return nil }
        while queueIndex >= queue.count {
            queue.removeAll(keepingCapacity: true)
            queueIndex = 0
            guard try await refill() else { return nil }
        }
        let item = queue[queueIndex]
        queueIndex += 1
        if let r = remaining { remaining = r - 1 }
        return item
    }

    /// Fills the queue; false when the source is exhausted.
    private func refill() async throws -> Bool {
        switch source {
        case .array(let items, let index):
            guard index < items.count else { return false }
            let end = min(items.count, index + 1024)
            queue.append(contentsOf: items[index..<end])
            source = end == items.count ? .done : .array(items, end)
            return true
        case .object(var iterator, var decoder, let ended):
            if ended { return false }
            let chunk: [UInt8]?
            do {
                chunk = try await iterator.next()
            } catch {
                throw StatesError(.itemReaderFailed, cause: "\(decoder.objectName) could not be read: \(Self.describe(error))")
            }
            if let chunk {
                queue += try decoder.feed(chunk)
                source = .object(iterator, decoder, ended: false)
            } else {
                queue += try decoder.finish()
                source = .object(iterator, decoder, ended: true)
            }
            return true
        case .listing(let storage, let bucket, let prefix, let token, let ended):
            if ended { return false }
            let page: ObjectListing
            do {
                page = try await storage.list(bucket: bucket, prefix: prefix, continuationToken: token)
            } catch {
                throw StatesError(.itemReaderFailed, cause: "s3://\(bucket)/\(prefix) could not be listed: \(Self.describe(error))")
            }
            queue += page.objects.map(\.item)
            source = .listing(
                storage, bucket: bucket, prefix: prefix, token: page.nextContinuationToken,
                ended: page.nextContinuationToken == nil)
            return true
        case .manifest(let storage, let bucket, var keys, let headers, let delimiter):
            guard !keys.isEmpty else { return false }
            let key = keys.removeFirst()
            var stream = try await Self.open(storage, bucket: bucket, key: key)
            if key.hasSuffix(".gz") {
                var compressed: [UInt8] = []
                for try await chunk in stream { compressed += chunk }
                let data: [UInt8]
                do { data = try Gzip.decompress(compressed) } catch {
                    throw StatesError(.itemReaderFailed, cause: "s3://\(bucket)/\(key): \(error)")
                }
                stream = AsyncThrowingStream { $0.yield(data); $0.finish() }
            }
            // Each data file's rows are queued as a nested object read.
            let format = ItemDecoder.Format.csv(headers: headers, delimiter: delimiter)
            let inner = ItemFeed(items: [])
            inner.source = .object(
                stream.makeAsyncIterator(), try ItemDecoder(format: format, objectName: "s3://\(bucket)/\(key)"),
                ended: false)
            while let item = try await inner.next() { queue.append(item) }
            source = .manifest(storage, bucket: bucket, keys: keys, headers: headers, delimiter: delimiter)
            return true
        case .done:
            return false
        }
    }
}
