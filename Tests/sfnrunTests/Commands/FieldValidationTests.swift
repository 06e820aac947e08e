import Testing

@testable import sfnrun

/// `--field-validation` on `sfnrun test` and `sfnrun start --mock-config`: mocked results are checked
/// against the operations' response shapes before anything runs.
@Suite("sfnrun --field-validation")
struct FieldValidationTests {
    let definition = Fixtures.path("shapes.asl.json")
    let mocks = Fixtures.path("shapes.mock.json")

    @Test("A mocked result of the wrong type refuses the mock file (exit 2), naming test case, state, response and field")
    func wrongType() async {
        let (status, io) = await sfnrun(["test", definition, "--mock-config", mocks, "--test-case", "WrongType"])
        #expect(status == .usage)
        #expect(io.output.isEmpty)
        #expect(
            io.error.contains(
                "shapes.mock.json:20:82: error: MockedResponses.StateAsText.0.Return.Reservations[0].Instances[0].State: test case 'WrongType', state 'Describe', mocked response 'StateAsText': $.Reservations[0].Instances[0].State must be an object (InstanceState), got a string (fieldValidationMode STRICT)"
            ))
    }

    @Test("A field the shape does not have passes, as on AWS, with a warning listing the shape's fields")
    func misspelt() async {
        let (status, io) = await sfnrun(["test", definition, "--mock-config", mocks, "--test-case", "Misspelt"])
        #expect(status == .success)
        #expect(
            io.error.contains(
                "warning: MockedResponses.MisspeltField.0.Return.Reservations[0].Instance: test case 'Misspelt', state 'Describe', mocked response 'MisspeltField': $.Reservations[0].Instance: accepted, as AWS accepts it, but Reservation has no field 'Instance' (did you mean 'Instances'? its fields: "
            ))
        #expect(io.error.contains("Instances"))
    }

    @Test("STRICT wants startExecution's StartDate; PRESENT does not; NONE checks nothing")
    func modes() async {
        let arguments = ["test", definition, "--mock-config", mocks, "--test-case", "NoStartDate"]
        let (strict, io) = await sfnrun(arguments)
        #expect(strict == .usage)
        #expect(io.error.contains("$.StartDate the required field 'StartDate' is missing"))
        #expect(await sfnrun(arguments + ["--field-validation", "PRESENT"]).0 == .success)
        let wrong = ["test", definition, "--mock-config", mocks, "--test-case", "WrongType"]
        #expect(await sfnrun(wrong + ["--field-validation", "PRESENT"]).0 == .usage)
        #expect(await sfnrun(wrong + ["--field-validation", "NONE"]).0 == .success)
    }

    @Test("--all checks every case's responses before running any: one bad response stops the run")
    func all() async {
        let (status, io) = await sfnrun(["test", definition, "--mock-config", mocks, "--all"])
        #expect(status == .usage)
        #expect(!io.output.contains("PASS"))
        #expect(io.error.contains("2 mocked results do not fit the API's response (--field-validation STRICT"))
    }

    @Test("--verbose notes that STRICT could not check the required fields of aws-sdk results")
    func verboseNote() async {
        let (status, io) = await sfnrun(["test", definition, "--mock-config", mocks, "--test-case", "Fits", "-v"])
        #expect(status == .success)
        #expect(io.error.contains("note: STRICT checked field types; required fields are checked only where"))
    }

    @Test("start --mock-config checks the chosen test case the same way")
    func start() async {
        let (status, io) = await sfnrun(["start", definition, "--mock-config", mocks, "--test-case", "WrongType"])
        #expect(status == .usage)
        #expect(io.error.contains("state 'Describe', mocked response 'StateAsText'"))
        #expect(await sfnrun(["start", definition, "--mock-config", mocks, "--test-case", "Fits"]).0 == .success)
        let none = ["start", definition, "--mock-config", mocks, "--test-case", "WrongType", "--field-validation", "NONE"]
        #expect(await sfnrun(none).0 == .success)
    }

    @Test("Usage: an unknown mode, or the option without a mock file")
    func usage() async {
        #expect(await sfnrun(["test", definition, "--mock-config", mocks, "--field-validation", "LAX"]).0 == .usage)
        #expect(await sfnrun(["start", definition, "--field-validation", "NONE"]).0 == .usage)
    }

    @Test("Every runbook's mock file passes STRICT", arguments: Fixtures.runbookNames)
    func runbooks(name: String) async {
        let (status, io) = await sfnrun([
            "test", Fixtures.runbook("\(name).json"), "--mock-config", Fixtures.runbook("mocks/\(name).mock.json"), "--all",
        ])
        #expect(status != .usage, "\(io.error)")
        #expect(!io.error.contains("error:"), "\(io.error)")
    }
}
