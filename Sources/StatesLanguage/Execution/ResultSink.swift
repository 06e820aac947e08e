/// Collects a Map Run's exported results and writes them in parts, then the manifest. Entries are
/// encoded as they arrive, so a part in the making holds text, not JSON values.
///
/// Children that succeeded go to `SUCCEEDED_n.json`; those that failed, timed out or were aborted
/// to `FAILED_n.json`; the inputs of children never started because the Map Run failed or was
/// aborted to `PENDING_n.json`.
struct ResultSink: Sendable {
    let export: ResultExport?
    private var buffers: [String: [UInt8]] = [:]
    private var files: [String: [JSONValue]] = ["SUCCEEDED": [], "FAILED": [], "PENDING": []]
    /// A part is written once its text reaches this many bytes.
    static let partBytes = 8 * 1024 * 1024

    init(export: ResultExport?) { self.export = export }

    /// Adds a child's result to `SUCCEEDED` or `FAILED`.
    mutating func add(_ outcome: ChildOutcome) async throws {
        guard let export else { return }
        try await add(export.entry(outcome), to: outcome.status == "SUCCEEDED" ? "SUCCEEDED" : "FAILED")
    }

    /// Adds a child that was never started, by its input, to `PENDING`.
    mutating func addPending(_ input: JSONValue) async throws {
        guard let export else { return }
        try await add([export.pendingEntry(input)], to: "PENDING")
    }

    /// Adds every child input `inputs` has left to `PENDING`. A reader that fails ends the list
    /// there; a part that cannot be written stays buffered, and ``finish()`` reports it.
    mutating func addPending(from inputs: ChildInputs) async {
        while let next = try? await inputs.next() {
            try? await addPending(next.input)
        }
    }

    private mutating func add(_ entries: [JSONValue], to file: String) async throws {
        guard let export else { return }
        var buffer = buffers[file] ?? []
        buffers[file] = nil
        for entry in entries {
            switch export.writer.outputType {
            case .json: buffer.append(buffer.isEmpty ? UInt8(ascii: "[") : UInt8(ascii: ","))
            case .jsonl: break
            }
            buffer += entry.jsonString().utf8
            if export.writer.outputType == .jsonl { buffer.append(UInt8(ascii: "\n")) }
        }
        buffers[file] = buffer
        if buffer.count >= Self.partBytes { try await flush(file) }
    }

    private mutating func flush(_ file: String) async throws {
        guard let export, let storage = export.storage, var bytes = buffers[file], !bytes.isEmpty else { return }
        if export.writer.outputType == .json { bytes.append(UInt8(ascii: "]")) }
        let key = export.folder + "\(file)_\(files[file, default: []].count).json"
        try await write(bytes, key: key, to: storage, export)
        files[file, default: []].append(["Key": .string(key), "Size": .integer(bytes.count)])
        buffers[file] = []
    }

    private func write(_ bytes: [UInt8], key: String, to storage: any ObjectStorage, _ export: ResultExport) async throws {
        // No write starts in a cancelled task: a stopped Map Run writes in its grace, and an export
        // whose grace ran out must not add a manifest after its abort was recorded without one.
        try Task.checkCancellation()
        do {
            try await storage.write(bucket: export.bucket, key: key, contents: bytes)
        } catch {
            throw StatesError(
                .resultWriterFailed, cause: "s3://\(export.bucket)/\(key) could not be written: \(ItemFeed.describe(error))")
        }
    }

    /// Writes the remaining parts and `manifest.json`; returns the manifest's key.
    @discardableResult
    mutating func finish() async throws -> String {
        guard let export, let storage = export.storage else { return "" }
        for file in ["SUCCEEDED", "FAILED", "PENDING"] { try await flush(file) }
        let manifest: JSONValue = [
            "DestinationBucket": .string(export.bucket), "MapRunArn": .string(export.mapRunARN),
            "ResultFiles": [
                "FAILED": .array(files["FAILED"] ?? []), "PENDING": .array(files["PENDING"] ?? []),
                "SUCCEEDED": .array(files["SUCCEEDED"] ?? []),
            ],
        ]
        let key = export.folder + "manifest.json"
        try await write(Array(manifest.jsonString().utf8), key: key, to: storage, export)
        return key
    }
}
