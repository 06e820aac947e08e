/// The items of a distributed Map, one at a time: from the input array, an object read chunk by
/// chunk, an object listing page by page, or an S3 inventory manifest's files.
final class ItemFeed {
    private enum Source {
        case array([JSONValue], Int)
        /// An object's chunks, inflated first when `gzip` is set.
        case object(AsyncThrowingStream<[UInt8], any Error>.AsyncIterator, ItemDecoder, gzip: GzipDecoder?, ended: Bool)
        case listing(any ObjectStorage, bucket: String, prefix: String, token: String?, ended: Bool)
        /// An inventory's data files; `current` reads the file being read.
        case manifest(
            any ObjectStorage, bucket: String, keys: [String], headers: ItemReader.CSVHeaders, delimiter: UInt8,
            current: ItemFeed?)
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
            gzip: nil, ended: false)
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
            delimiter: delimiter, current: nil)
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
        case .object(var iterator, var decoder, var gzip, let ended):
            if ended { return false }
            // Moved out, so that the buffers being changed stay unique.
            source = .done
            if gzip != nil {
                let inflated: [UInt8]?
                do { inflated = try gzip!.next() } catch {
                    throw StatesError(.itemReaderFailed, cause: "\(decoder.objectName): \(error)")
                }
                if let inflated {
                    queue += try decoder.feed(inflated)
                    source = .object(iterator, decoder, gzip: gzip, ended: false)
                    return true
                }
                if gzip!.isInputEnded {
                    queue += try decoder.finish()
                    source = .object(iterator, decoder, gzip: gzip, ended: true)
                    return true
                }
            }
            let chunk: [UInt8]?
            do {
                chunk = try await iterator.next()
            } catch {
                throw StatesError(.itemReaderFailed, cause: "\(decoder.objectName) could not be read: \(Self.describe(error))")
            }
            // A stream cut short by a stop is not the object's end: its last item would be partial.
            if chunk == nil, Task.isCancelled { throw CancellationError() }
            switch (chunk, gzip != nil) {
            case (let chunk?, true): gzip!.append(chunk)
            case (nil, true): gzip!.endInput()
            case (let chunk?, false): queue += try decoder.feed(chunk)
            case (nil, false): queue += try decoder.finish()
            }
            source = .object(iterator, decoder, gzip: gzip, ended: chunk == nil && gzip == nil)
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
        case .manifest(let storage, let bucket, var keys, let headers, let delimiter, let current):
            // The data file being read gives up to 1,024 rows at a time; gzip files are inflated as they stream.
            if let current {
                var count = 0
                while count < 1024, let item = try await current.next() {
                    queue.append(item)
                    count += 1
                }
                if count > 0 { return true }
            }
            guard !keys.isEmpty else {
                source = .done
                return false
            }
            let key = keys.removeFirst()
            let stream = try await Self.open(storage, bucket: bucket, key: key)
            let next = ItemFeed(items: [])
            next.source = .object(
                stream.makeAsyncIterator(),
                try ItemDecoder(format: .csv(headers: headers, delimiter: delimiter), objectName: "s3://\(bucket)/\(key)"),
                gzip: key.hasSuffix(".gz") ? GzipDecoder() : nil, ended: false)
            source = .manifest(storage, bucket: bucket, keys: keys, headers: headers, delimiter: delimiter, current: next)
            return true
        case .done:
            return false
        }
    }
}
