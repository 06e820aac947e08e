import Foundation
import StatesLanguage
import Testing

@testable import sfnrun

@Suite("sfnrun test-state")
struct TestStateCommandTests {
    @Test("A mocked Lambda result at DEBUG prints TestState's response")
    func mockedDebug() async throws {
        let (status, io) = await sfnrun([
            "test-state", Fixtures.path("charge-card.asl.json"), "--state", "ChargeCard", "--input", #"{"amount":5}"#,
            "--mock", #"{"result": {"Payload": {"charged": 5}, "StatusCode": 200}}"#, "--inspection-level", "DEBUG",
        ])
        #expect(status == .success, "\(io.error)")
        let response = try JSONValue(parsing: io.output)
        #expect(response["status"] == "SUCCEEDED")
        #expect(response["nextState"] == "Done")
        #expect(response["output"] == #"{"amount":5,"charge":{"charged":5}}"#)
        #expect(response["inspectionData"]?["afterParameters"] == #"{"FunctionName":"charge","Payload":{"amount":5}}"#)
        #expect(response["inspectionData"]?["afterResultSelector"] == #"{"charged":5}"#)
    }

    @Test("A mocked error is RETRIABLE (exit 1) until the retries are spent, then caught (exit 0)")
    func mockedError() async throws {
        let arguments = [
            "test-state", Fixtures.path("charge-card.asl.json"),
            "--mock", #"{"errorOutput": {"error": "Lambda.TooManyRequestsException", "cause": "busy"}}"#,
        ]
        let (retriable, first) = await sfnrun(arguments)
        #expect(retriable == .failure)
        #expect(try JSONValue(parsing: first.output)["status"] == "RETRIABLE")
        let (caught, last) = await sfnrun(arguments + ["--retry-count", "3"])
        #expect(caught == .success)
        let response = try JSONValue(parsing: last.output)
        #expect(response["status"] == "CAUGHT_ERROR")
        #expect(response["nextState"] == "Declined")
        #expect(response["error"] == "Lambda.TooManyRequestsException")
    }

    @Test("A mocked result that is not the Lambda Invoke response is refused under PRESENT, accepted under NONE")
    func fieldValidation() async throws {
        let arguments = [
            "test-state", Fixtures.path("charge-card.asl.json"), "--mock", #"{"result": {"Payload": {"charged": 1}, "StatusCode": "two hundred"}}"#,
        ]
        let (refused, io) = await sfnrun(arguments + ["--field-validation-mode", "PRESENT"])
        #expect(refused == .usage)
        #expect(io.error.contains("StatusCode"))
        let (accepted, _) = await sfnrun(arguments + ["--field-validation-mode", "NONE"])
        #expect(accepted == .success)
    }

    @Test("Usage errors: an unknown state, a bad retry count, a validation mode without a mock")
    func usage() async {
        let (unknown, io) = await sfnrun(["test-state", Fixtures.path("charge-card.asl.json"), "--state", "Nope"])
        #expect(unknown == .usage)
        #expect(io.error.contains("Nope"))
        #expect(await sfnrun(["test-state", Fixtures.path("charge-card.asl.json"), "--retry-count", "-1"]).0 == .usage)
        #expect(await sfnrun(["test-state", Fixtures.path("charge-card.asl.json"), "--field-validation-mode", "NONE"]).0 == .usage)
    }
}

@Suite("sfnrun serve (in process)")
struct ServeCommandTests {
    @Test("A stop signal ends the server cleanly after it printed its address")
    func stopsOnSignal() async {
        let io = CapturedTerminalIO(immediateSignal: .interrupt)
        let (status, _) = await sfnrun(["serve", "--port", "0"], io: io)
        #expect(status == .success)
        #expect(io.output.hasPrefix("sfnrun serve: listening on http://127.0.0.1:"))
        #expect(io.watches.opened == io.watches.cancelled)
    }

    @Test("Bad ports, hosts and account ids are usage errors")
    func usage() async {
        #expect(await sfnrun(["serve", "--port", "70000"]).0 == .usage)
        #expect(await sfnrun(["serve", "--account-id", "12"]).0 == .usage)
        let (status, io) = await sfnrun(["serve", "--port", "0", "--host", "example.com"])
        #expect(status == .usage)
        #expect(io.error.contains("cannot listen"))
    }
}
