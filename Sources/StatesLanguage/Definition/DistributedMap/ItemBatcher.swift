/// A Distributed Map's `ItemBatcher`: groups items so that each child execution gets several.
///
/// Each child's input is `{"Items": [...]}`, plus `"BatchInput"` when set.
/// See <https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itembatcher.html>.
public struct ItemBatcher: Sendable {
    /// `MaxItemsPerBatch` or `MaxItemsPerBatchPath`.
    public var maxItems: MapState.Count?
    /// `MaxInputBytesPerBatch` or `MaxInputBytesPerBatchPath` (at most 256 KiB).
    public var maxInputBytes: MapState.Count?
    /// `BatchInput` (JSONPath): a fixed part of every batch's input.
    public var batchInput: PayloadTemplate?
    /// `BatchInput` (JSONata).
    public var batchInputQuery: QueryTemplate?

    /// AWS's upper bound for `MaxInputBytesPerBatch`: 256 KiB.
    public static let byteLimit = 262_144
}

extension ItemBatcher {
    static func read(
        _ value: JSONValue, at path: FieldPath, language: QueryLanguage, reader: inout DefinitionReader
    ) -> ItemBatcher? {
        guard let o = reader.object(value, at: path, what: "'ItemBatcher'") else { return nil }
        let jsonata = language == .jsonata
        var fields: Set<String> = ["MaxItemsPerBatch", "MaxInputBytesPerBatch", "BatchInput"]
        if !jsonata { fields.formUnion(["MaxItemsPerBatchPath", "MaxInputBytesPerBatchPath"]) }
        reader.rejectUnknownFields(o, allowed: fields, at: path, what: "'ItemBatcher'")
        func count(_ name: String, range: ClosedRange<Int>) -> MapState.Count? {
            if jsonata, case .string? = o[name] {
                return reader.query(o, name, at: path)?.wholeExpression.map(MapState.Count.expression)
            }
            reader.exclusive(o, name, name + "Path", at: path)
            if let value = reader.integer(o, name, at: path, in: range) { return .literal(Double(value)) }
            if let text = reader.string(o, name + "Path", at: path) {
                return reader.referencePath(text, at: path.appending(name + "Path")).map(MapState.Count.path)
            }
            return nil
        }
        var batcher = ItemBatcher(
            maxItems: count("MaxItemsPerBatch", range: 0...Int(Int32.max)),
            maxInputBytes: count("MaxInputBytesPerBatch", range: 0...byteLimit))
        if jsonata {
            batcher.batchInputQuery = reader.query(o, "BatchInput", at: path)
        } else {
            batcher.batchInput = reader.template(o, "BatchInput", at: path)
        }
        if o.isEmpty {
            reader.error(path, "must set MaxItemsPerBatch or MaxInputBytesPerBatch (or their …Path forms)")
        }
        return batcher
    }
}
