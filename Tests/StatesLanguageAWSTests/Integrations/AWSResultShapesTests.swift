import StatesLanguage
import Testing

@testable import StatesLanguageAWS

/// Pins what TestState's `fieldValidationMode` checks, case by case as AWS answered it (see
/// Docs/Compatibility.md, "Mocked results and API shapes").
@Suite("AWSResultShapes: mocked results against API shapes")
struct AWSResultShapesTests {
    let shapes = AWSResultShapes()

    func problems(_ resource: String, _ result: JSONValue, _ mode: StateTest.Mock.FieldValidationMode = .strict)
        throws -> [ResultShapeProblem]
    {
        shapes.problems(in: result, from: try ResourceARN(resource), mode: mode)
    }

    func mismatches(_ resource: String, _ result: JSONValue, _ mode: StateTest.Mock.FieldValidationMode = .strict)
        throws -> [String]
    {
        try problems(resource, result, mode).filter { $0.kind == .mismatch }.map(\.description)
    }

    static let putEvents = "arn:aws:states:::events:putEvents"
    static let startExecution = "arn:aws:states:::states:startExecution"

    @Test("A field of the wrong type is refused at its JSONPath, at any depth and array index, in STRICT and PRESENT")
    func wrongTypes() throws {
        for mode in [StateTest.Mock.FieldValidationMode.strict, .present] {
            #expect(
                try mismatches(Self.putEvents, ["Entries": "not a list"], mode)
                    == ["$.Entries: must be an array (items: an object (PutEventsResultEntry)), got a string"])
            #expect(
                try mismatches(Self.putEvents, ["Entries": [["EventId": "e-1"], ["EventId": ["e-2"]]]], mode)
                    == ["$.Entries[1].EventId: must be a string, got an array"])
        }
    }

    @Test("Fields the shape does not have are accepted, as AWS accepts them, with a note naming the shape's fields")
    func unknownFields() throws {
        let found = try problems(Self.putEvents, ["random": "json"])
        #expect(found.count == 1)
        let note = try #require(found.first)
        #expect(note.kind == .note)
        #expect(note.jsonPath == "$.random")
        #expect(note.message.contains("its fields: FailedEntryCount, Entries"))
        let misspelt = try problems(Self.putEvents, ["Entires": []])
        #expect(misspelt.first?.message.contains("no field 'Entires' (did you mean 'Entries'? its fields:") == true)
        #expect(try problems(Self.putEvents, [:]).isEmpty)
        // Step Functions adds the HTTP metadata to results; no note for it.
        #expect(try problems("arn:aws:states:::sns:publish", ["MessageId": "m", "SdkHttpMetadata": [:]]).isEmpty)
    }

    @Test("STRICT wants the required fields of states:startExecution; PRESENT does not")
    func requiredFields() throws {
        #expect(
            try mismatches(Self.startExecution, [:]) == [
                "$.ExecutionArn: the required field 'ExecutionArn' is missing (states:startExecution requires ExecutionArn, StartDate)",
                "$.StartDate: the required field 'StartDate' is missing (states:startExecution requires ExecutionArn, StartDate)",
            ])
        #expect(try mismatches(Self.startExecution, [:], .present).isEmpty)
        #expect(try mismatches(Self.startExecution, ["ExecutionArn": "arn", "StartDate": "2026-01-01T00:00:00Z"]).isEmpty)
    }

    @Test("Field names are Step Functions' PascalCase: the API's camelCase name is not the field")
    func camelCaseIsNotTheField() throws {
        let result: JSONValue = ["executionArn": "arn", "startDate": "2026-01-01T00:00:00Z"]
        #expect(try mismatches(Self.startExecution, result).count == 2)
        let present = try problems(Self.startExecution, result, .present)
        #expect(present.allSatisfy { $0.kind == .note } && present.count == 2)
    }

    @Test("Timestamps and blobs are strings; integers whole numbers; numbers numbers; null fits no type")
    func scalars() throws {
        #expect(
            try mismatches(Self.startExecution, ["ExecutionArn": "arn", "StartDate": 1_764_103_483])
                == ["$.StartDate: must be a string (timestamp), got a number"])
        #expect(
            try mismatches(Self.startExecution, ["ExecutionArn": "arn", "StartDate": true])
                == ["$.StartDate: must be a string (timestamp), got a boolean"])
        #expect(
            try mismatches("arn:aws:states:::lambda:invoke", ["StatusCode": "200"])
                == ["$.StatusCode: must be an integer, got a string"])
        #expect(
            try mismatches("arn:aws:states:::lambda:invoke", ["StatusCode": 200.5])
                == ["$.StatusCode: must be an integer, got a fractional number"])
        #expect(
            try mismatches("arn:aws:states:::dynamodb:putItem", ["ConsumedCapacity": ["CapacityUnits": "123.45"]])
                == ["$.ConsumedCapacity.CapacityUnits: must be a number, got a string"])
        #expect(try mismatches("arn:aws:states:::dynamodb:putItem", ["ConsumedCapacity": ["CapacityUnits": 1.5]]).isEmpty)
        #expect(
            try mismatches("arn:aws:states:::aws-sdk:s3:getObject", ["ContentLength": "9000", "Body": 12])
                == ["$.ContentLength: must be an integer, got a string", "$.Body: must be a string (base64 data), got a number"])
        #expect(
            try mismatches("arn:aws:states:::sns:publish", ["MessageId": .null])
                == ["$.MessageId: must be a string, got null"])
    }

    @Test("lambda:invoke's Payload may be any JSON: the optimized integration hands over the parsed output")
    func lambdaPayload() throws {
        for payload: JSONValue in [["deleted": 3], "text", 42, [1, 2]] {
            #expect(try problems("arn:aws:states:::lambda:invoke", ["StatusCode": 200, "Payload": payload]).isEmpty)
        }
        // The aws-sdk integration returns the API's own shape, where Payload is data (a string).
        #expect(
            try mismatches("arn:aws:states:::aws-sdk:lambda:invoke", ["Payload": ["deleted": 3]])
                == ["$.Payload: must be a string (base64 data), got an object"])
    }

    @Test("NONE checks nothing")
    func none() throws {
        #expect(try problems(Self.startExecution, ["StartDate": 1, "executionArn": 2], .none).isEmpty)
    }

    @Test("What cannot be checked says so: no model, no operation, .sync; callbacks and plain Lambda ARNs have no shape")
    func unchecked() throws {
        let noModel = try problems("arn:aws:states:::aws-sdk:unicorns:countHorns", ["CiphertextBlob": 123])
        #expect(noModel.map(\.kind) == [.note])
        #expect(noModel.first?.message.contains("no model of the service 'unicorns'") == true)
        let noOperation = try problems("arn:aws:states:::aws-sdk:ec2:describeUnicorns", [:])
        #expect(noOperation.map(\.kind) == [.note])
        #expect(noOperation.first?.message.contains("no operation DescribeUnicorns") == true)
        let sync = try problems("arn:aws:states:::states:startExecution.sync:2", ["Output": 1])
        #expect(sync.map(\.kind) == [.note])
        #expect(try problems("arn:aws:states:::sns:publish.waitForTaskToken", ["anything": 1]).isEmpty)
        #expect(try problems("arn:aws:lambda:us-east-1:123456789012:function:f", ["StatusCode": "x"]).isEmpty)
    }

    @Test("checksRequiredFields tells where STRICT could check required fields")
    func requiredFieldsKnown() throws {
        #expect(shapes.checksRequiredFields(of: try ResourceARN(Self.startExecution)))
        #expect(!shapes.checksRequiredFields(of: try ResourceARN("arn:aws:states:::aws-sdk:ec2:describeInstances")))
        #expect(shapes.checksRequiredFields(of: try ResourceARN("arn:aws:states:::sns:publish.waitForTaskToken")))
    }
}
