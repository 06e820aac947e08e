/// A Task state: calls a resource through the ``TaskRegistry``.
public struct TaskState: Sendable {
    /// A number given literally or read from the input.
    public enum Seconds: Sendable, Hashable {
        /// A fixed number of seconds.
        case literal(Int)
        /// A reference path to a positive integer in the input (`…SecondsPath`).
        case path(ReferencePath)
        /// A JSONata expression (JSONata states).
        case expression(QueryExpression)
    }

    /// The state's name.
    public var name: String
    /// `Comment`.
    public var comment: String?
    /// `Resource`, parsed.
    public var resource: ResourceARN
    /// `InputPath`.
    public var inputPath: PayloadPath?
    /// `Parameters`.
    public var parameters: PayloadTemplate?
    /// `ResultSelector`.
    public var resultSelector: PayloadTemplate?
    /// `ResultPath`.
    public var resultPath: ResultPathSetting?
    /// `OutputPath`.
    public var outputPath: PayloadPath?
    /// `TimeoutSeconds` or `TimeoutSecondsPath`.
    public var timeout: Seconds?
    /// `HeartbeatSeconds` or `HeartbeatSecondsPath`.
    public var heartbeat: Seconds?
    /// `Credentials`, passed to the handler as given.
    public var credentials: JSONValue?
    /// `Retry`.
    public var retriers: [Retrier]
    /// `Catch`.
    public var catchers: [Catcher]
    /// `Next` or `End`.
    public var transition: Transition
    /// The state's query language (its own `QueryLanguage`, or its graph's).
    public var queryLanguage: QueryLanguage = .jsonPath
    /// `Assign`: the variables the state sets.
    public var assign: VariableAssignment?
    /// `Output` (JSONata): the state's output.
    public var output: QueryTemplate?
    /// `Arguments` (JSONata): the task's parameters (default: the state input).
    public var arguments: QueryTemplate?
    /// `Credentials` of a JSONata state, whose strings may be `{% %}` expressions.
    public var credentialsQuery: QueryTemplate?
    /// `Credentials` of a JSONPath state, whose `"RoleArn.$"`-style keys take paths, variables or intrinsics.
    public var credentialsTemplate: PayloadTemplate?
}

extension TaskState {
    static func read(_ s: inout StateReading, reader: inout DefinitionReader) -> TaskState? {
        s.allow(
            ["Next", "End", "Resource", "InputPath", "OutputPath", "ResultPath", "Parameters", "ResultSelector", "Retry",
                "Catch", "TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds", "HeartbeatSecondsPath",
                "Credentials", "Arguments", "Output", "Assign"], type: "Task", reader: &reader)
        var resource: ResourceARN?
        if let text = reader.string(s.object, "Resource", at: s.path, required: true),
            !reader.rejectPlaceholders(inResource: text, at: s.path.appending("Resource"))
        {
            do {
                let parsed = try ResourceARN(text)
                checkResource(parsed, at: s.path.appending("Resource"), reader: &reader)
                resource = parsed
            } catch {
                reader.error(s.path.appending("Resource"), error.cause ?? "invalid resource", code: .invalidResource)
            }
        }
        let timeout = s.seconds("TimeoutSeconds", reader: &reader)
        let heartbeat = s.seconds("HeartbeatSeconds", reader: &reader)
        if case .literal(let t)? = timeout, case .literal(let h)? = heartbeat, h >= t {
            reader.error(s.path.appending("HeartbeatSeconds"), "must be smaller than TimeoutSeconds (\(t)), got \(h)")
        }
        if let credentials = s.object["Credentials"] {
            checkCredentials(credentials, at: s.path.appending("Credentials"), isJSONata: s.isJSONata, reader: &reader)
        }
        var state = TaskState(
            name: s.name, comment: reader.string(s.object, "Comment", at: s.path),
            resource: resource ?? (try! ResourceARN("invalid")),
            inputPath: reader.payloadPath(s.object, "InputPath", at: s.path),
            parameters: reader.template(s.object, "Parameters", at: s.path),
            resultSelector: reader.template(s.object, "ResultSelector", at: s.path),
            resultPath: reader.resultPath(s.object, at: s.path),
            outputPath: reader.payloadPath(s.object, "OutputPath", at: s.path), timeout: timeout, heartbeat: heartbeat,
            credentials: s.object["Credentials"], retriers: s.retriers(reader: &reader),
            catchers: s.catchers(reader: &reader), transition: s.transition(reader: &reader) ?? .end)
        state.queryLanguage = s.language
        state.assign = s.assign(reader: &reader)
        state.output = s.output(reader: &reader)
        if s.isJSONata {
            state.arguments = reader.query(s.object, "Arguments", at: s.path)
            state.credentialsQuery = reader.query(s.object, "Credentials", at: s.path)
        } else if s.object["Credentials"]?.objectValue != nil {
            state.credentialsTemplate = reader.template(s.object, "Credentials", at: s.path)
        }
        return resource == nil ? nil : state
    }

    /// What AWS checks of a `Resource` when a state machine is created: an optimized integration exists, and an Express machine uses neither `.sync`, `.waitForTaskToken` nor
    /// activities (recorded: `Express state machine does not support '.sync' service integration`,
    /// `… '.waitForTaskToken' service integration`, `… Activity ARN`).
    static func checkResource(_ resource: ResourceARN, at path: FieldPath, reader: inout DefinitionReader) {
        let text = resource.rawValue
        guard isURIText(text) else {
            reader.error(
                path,
                "The resource provided \(text) is not recognized. The value is not a valid resource ARN, or the resource is not available in this region.")
            return
        }
        if resource.kind == .optimized, let service = resource.service, let action = resource.action,
            !OptimizedIntegration.exists(service: service, action: action)
        {
            reader.error(
                path,
                "The resource provided \(text) is not recognized. The value is not a valid resource ARN, or the resource is not available in this region.")
        }
        guard reader.type == .express else { return }
        switch resource.integrationPattern {
        case .sync, .syncJSON:
            reader.error(path, "Express state machine does not support '.sync' service integration")
        case .waitForTaskToken:
            reader.error(path, "Express state machine does not support '.waitForTaskToken' service integration")
        case .requestResponse:
            if resource.kind == .activity { reader.error(path, "Express state machine does not support Activity ARN") }
        }
    }

    /// Whether a `Resource` is written with the characters of a URI (RFC 3986), as the States
    /// Language requires ("MUST be a URI"; AWS, stricter, wants an ARN). A scheme is not required,
    /// so local handlers may use plain names. (`${Name}` placeholders are checked before, by
    /// ``DefinitionReader/rejectPlaceholders(inResource:at:)``.)
    static func isURIText(_ text: String) -> Bool { isURICharacters(Substring(text)) }

    /// Unreserved and reserved URI characters, `%` escapes and, as in IRIs, non-ASCII characters.
    private static func isURICharacters(_ text: Substring) -> Bool {
        text.unicodeScalars.allSatisfy { scalar in
            !scalar.isASCII
                || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                || "-._~:/?#[]@!$&'()*+,;=%".unicodeScalars.contains(scalar)
        } && !text.unicodeScalars.contains { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F }
    }

    /// `Credentials` holds a `RoleArn` (or `RoleArn.$` in JSONPath states); AWS refuses it
    /// without one (recorded: `The field 'RoleArn' is required but was missing`).
    static func checkCredentials(_ value: JSONValue, at path: FieldPath, isJSONata: Bool, reader: inout DefinitionReader) {
        guard let object = reader.object(value, at: path, what: "'Credentials'") else { return }
        if object["RoleArn"] == nil && (isJSONata || object["RoleArn.$"] == nil) {
            reader.missing("RoleArn", in: path)
        }
    }
}
