/// A Distributed Map's `ItemReader`: where the items come from when they are not in the input.
///
/// See <https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html>.
public struct ItemReader: Sendable {
    /// The S3 call that reads the items.
    public enum Source: String, Sendable {
        /// `arn:aws:states:::s3:getObject`: one object's contents.
        case getObject
        /// `arn:aws:states:::s3:listObjectsV2`: the objects under a prefix, as items.
        case listObjectsV2
    }

    /// `ReaderConfig.InputType`.
    public enum InputType: String, Sendable {
        /// A JSON array.
        case json = "JSON"
        /// JSON Lines: one value per line.
        case jsonl = "JSONL"
        /// Comma-separated (or other delimiter) values; each row an object keyed by the headers.
        case csv = "CSV"
        /// An S3 inventory `manifest.json` naming CSV files (gzip allowed).
        case manifest = "MANIFEST"
    }

    /// Where a CSV file's column names come from.
    public enum CSVHeaders: Sendable, Hashable {
        /// `CSVHeaderLocation: FIRST_ROW`.
        case firstRow
        /// `CSVHeaderLocation: GIVEN` with `CSVHeaders`.
        case given([String])
    }

    /// `ReaderConfig.CSVDelimiter`.
    public enum CSVDelimiter: String, Sendable, CaseIterable {
        /// `,`
        case comma = "COMMA"
        /// `|`
        case pipe = "PIPE"
        /// `;`
        case semicolon = "SEMICOLON"
        /// ` `
        case space = "SPACE"
        /// a tab
        case tab = "TAB"

        /// The delimiter's byte.
        public var byte: UInt8 {
            switch self {
            case .comma: return UInt8(ascii: ",")
            case .pipe: return UInt8(ascii: "|")
            case .semicolon: return UInt8(ascii: ";")
            case .space: return UInt8(ascii: " ")
            case .tab: return UInt8(ascii: "\t")
            }
        }
    }

    /// The `Resource`.
    public var source: Source
    /// `ReaderConfig.InputType` (nil for `listObjectsV2`).
    public var inputType: InputType?
    /// The CSV headers setting (CSV and MANIFEST).
    public var csvHeaders: CSVHeaders = .firstRow
    /// `ReaderConfig.CSVDelimiter` (default COMMA).
    public var csvDelimiter: CSVDelimiter = .comma
    /// `ReaderConfig.MaxItems` or `MaxItemsPath`.
    public var maxItems: MapState.Count?
    /// `Parameters` (JSONPath): `Bucket`, `Key` or `Prefix`.
    public var parameters: PayloadTemplate?
    /// `Arguments` (JSONata).
    public var arguments: QueryTemplate?
}

extension ItemReader {
    static func read(
        _ value: JSONValue, at path: FieldPath, language: QueryLanguage, reader: inout DefinitionReader
    ) -> ItemReader? {
        guard let o = reader.object(value, at: path, what: "'ItemReader'") else { return nil }
        let jsonata = language == .jsonata
        reader.rejectUnknownFields(
            o, allowed: ["Resource", "ReaderConfig", jsonata ? "Arguments" : "Parameters"], at: path, what: "'ItemReader'")
        guard let resource = reader.string(o, "Resource", at: path, required: true) else { return nil }
        let source: Source
        let arn = try? ResourceARN(resource)
        switch (arn?.kind, arn?.service, arn?.action, arn?.integrationPattern) {
        case (.optimized?, "s3"?, "getObject"?, .requestResponse?): source = .getObject
        case (.optimized?, "s3"?, "listObjectsV2"?, .requestResponse?): source = .listObjectsV2
        default:
            reader.error(
                path.appending("Resource"),
                "must be arn:aws:states:::s3:getObject or arn:aws:states:::s3:listObjectsV2, got \"\(resource)\"")
            return nil
        }
        var item = ItemReader(source: source)
        if jsonata {
            item.arguments = reader.query(o, "Arguments", at: path)
        } else {
            item.parameters = reader.template(o, "Parameters", at: path)
        }
        let cp = path.appending("ReaderConfig")
        if let config = o["ReaderConfig"], let c = reader.object(config, at: cp, what: "'ReaderConfig'") {
            reader.rejectUnknownFields(
                c,
                allowed: ["InputType", "CSVHeaderLocation", "CSVHeaders", "CSVDelimiter", "MaxItems", "MaxItemsPath",
                    "ManifestType"], at: cp, what: "'ReaderConfig'")
            if let text = reader.string(c, "InputType", at: cp) {
                if let type = InputType(rawValue: text) {
                    item.inputType = type
                } else {
                    reader.error(cp.appending("InputType"), "must be JSON, JSONL, CSV or MANIFEST, got \"\(text)\"")
                }
            }
            if let text = reader.string(c, "CSVDelimiter", at: cp) {
                if let delimiter = CSVDelimiter(rawValue: text) {
                    item.csvDelimiter = delimiter
                } else {
                    reader.error(
                        cp.appending("CSVDelimiter"), "must be COMMA, PIPE, SEMICOLON, SPACE or TAB, got \"\(text)\"")
                }
            }
            let location = reader.string(c, "CSVHeaderLocation", at: cp)
            switch location {
            case nil, "FIRST_ROW"?:
                if c["CSVHeaders"] != nil, location != nil {
                    reader.error(cp.appending("CSVHeaders"), "is only allowed with CSVHeaderLocation GIVEN")
                }
            case "GIVEN"?:
                let hp = cp.appending("CSVHeaders")
                if case .array(let values)? = c["CSVHeaders"] {
                    let names = values.compactMap(\.stringValue)
                    if names.count != values.count || names.isEmpty {
                        reader.error(hp, "must be a non-empty array of strings")
                    }
                    item.csvHeaders = .given(names)
                } else {
                    reader.error(hp, "is required (an array of strings) with CSVHeaderLocation GIVEN")
                }
            case let other?:
                reader.error(cp.appending("CSVHeaderLocation"), "must be FIRST_ROW or GIVEN, got \"\(other)\"")
            }
            if jsonata, case .string? = c["MaxItems"] {
                item.maxItems = reader.query(c, "MaxItems", at: cp)?.wholeExpression.map(MapState.Count.expression)
            } else {
                reader.exclusive(c, "MaxItems", "MaxItemsPath", at: cp)
                if let value = reader.integer(c, "MaxItems", at: cp, in: 0...100_000_000) {
                    item.maxItems = .literal(Double(value))
                } else if let text = reader.string(c, "MaxItemsPath", at: cp) {
                    item.maxItems = reader.referencePath(text, at: cp.appending("MaxItemsPath")).map(MapState.Count.path)
                }
            }
        }
        if source == .getObject, item.inputType == nil {
            reader.error(cp.appending("InputType"), "is required with arn:aws:states:::s3:getObject")
        }
        return item
    }
}
