/// A Distributed Map's `ResultWriter`: exports the child executions' results to S3 and/or
/// reshapes the Map's output.
///
/// See <https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html>.
public struct ResultWriter: Sendable {
    /// `WriterConfig.OutputType`.
    public enum OutputType: String, Sendable {
        /// One JSON array per file.
        case json = "JSON"
        /// One JSON value per line.
        case jsonl = "JSONL"
    }

    /// `WriterConfig.Transformation`.
    public enum Transformation: String, Sendable {
        /// Each child execution's details (ARN, input, output, status, dates).
        case none = "NONE"
        /// Only each child's output.
        case compact = "COMPACT"
        /// Only each child's output, arrays spread into the result.
        case flatten = "FLATTEN"
    }

    /// Whether results are exported (a `Resource`, `arn:aws:states:::s3:putObject`, is set).
    public var exports: Bool
    /// `Parameters` (JSONPath): `Bucket` and `Prefix`.
    public var parameters: PayloadTemplate?
    /// `Arguments` (JSONata).
    public var arguments: QueryTemplate?
    /// `WriterConfig.OutputType` (default JSON).
    public var outputType: OutputType = .json
    /// `WriterConfig.Transformation`: NONE when exporting without a `WriterConfig`, else COMPACT.
    public var transformation: Transformation
}

extension ResultWriter {
    static func read(
        _ value: JSONValue, at path: FieldPath, language: QueryLanguage, reader: inout DefinitionReader
    ) -> ResultWriter? {
        guard let o = reader.object(value, at: path, what: "'ResultWriter'") else { return nil }
        let jsonata = language == .jsonata
        reader.rejectUnknownFields(
            o, allowed: ["Resource", "WriterConfig", jsonata ? "Arguments" : "Parameters"], at: path,
            what: "'ResultWriter'")
        var writer = ResultWriter(exports: false, transformation: .compact)
        if let resource = reader.string(o, "Resource", at: path) {
            let arn = try? ResourceARN(resource)
            guard arn?.kind == .optimized, arn?.service == "s3", arn?.action == "putObject",
                arn?.integrationPattern == .requestResponse
            else {
                reader.error(path.appending("Resource"), "must be arn:aws:states:::s3:putObject, got \"\(resource)\"")
                return nil
            }
            writer.exports = true
            writer.transformation = .none
            if jsonata {
                writer.arguments = reader.query(o, "Arguments", at: path)
            } else {
                writer.parameters = reader.template(o, "Parameters", at: path)
            }
            if o[jsonata ? "Arguments" : "Parameters"] == nil {
                reader.error(path, "must have '\(jsonata ? "Arguments" : "Parameters")' with Bucket and Prefix")
            }
        }
        let cp = path.appending("WriterConfig")
        if let config = o["WriterConfig"], let c = reader.object(config, at: cp, what: "'WriterConfig'") {
            reader.rejectUnknownFields(c, allowed: ["OutputType", "Transformation"], at: cp, what: "'WriterConfig'")
            if let text = reader.string(c, "OutputType", at: cp) {
                if let type = OutputType(rawValue: text) { writer.outputType = type } else {
                    reader.error(cp.appending("OutputType"), "must be JSON or JSONL, got \"\(text)\"")
                }
            }
            if let text = reader.string(c, "Transformation", at: cp) {
                if let transformation = Transformation(rawValue: text) { writer.transformation = transformation } else {
                    reader.error(cp.appending("Transformation"), "must be NONE, COMPACT or FLATTEN, got \"\(text)\"")
                }
            }
        } else if !writer.exports {
            reader.error(path, "must have 'WriterConfig', or 'Resource' with '\(jsonata ? "Arguments" : "Parameters")'")
        }
        return writer
    }
}
