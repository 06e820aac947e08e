import Foundation
import StatesLanguage
import Testing

@testable import StatesLanguageAWS

@Suite("Checking AWS Tasks of definitions")
struct DefinitionCheckingTests {
    @Test("unknown services, actions and fields are reported with their paths, nested states included")
    func problems() throws {
        let definition = try JSONValue(
            parsing: """
                {"StartAt": "A", "States": {
                  "A": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:ec2:rebootInstances",
                        "Parameters": {"InstanceId.$": "$.id", "DryRun": true}, "Next": "B"},
                  "B": {"Type": "Parallel", "Branches": [{"StartAt": "C", "States": {
                        "C": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:ec2:rebootEverything", "End": true}}}],
                        "Next": "D"},
                  "D": {"Type": "Map", "ItemProcessor": {"StartAt": "E", "States": {
                        "E": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:nosuch:doIt", "End": true}}}, "Next": "F"},
                  "F": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
                        "Parameters": {"TopicArn": "t", "Message.$": "$"}, "Next": "G"},
                  "G": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:sfn:startExecution",
                        "Parameters": {"StateMachineArn": "arn", "Input": {}}, "End": true}}}
                """)
        let problems = AWSIntegrations.problems(in: definition)
        #expect(
            problems.map(\.path) == [
                "States.A.Parameters", "States.B.Branches[0].States.C.Resource",
                "States.D.ItemProcessor.States.E.Resource",
            ])
        #expect(
            problems.first?.message.hasPrefix(
                "The field 'InstanceId' is not supported by ec2:rebootInstances; the fields are: InstanceIds, DryRun")
                == true)
        #expect(problems[1].message == "'rebootEverything' is not an action of EC2.")
        #expect(problems[2].message == "The service 'nosuch' is not supported here.")
    }

    @Test("the rolling-restart runbook calls only operations and fields that exist")
    func rollingRestart() throws {
        #expect(AWSIntegrations.problems(in: try JSONValue(parsing: try RollingRestartMotoTests.definition())) == [])
    }

    static let stateMachines = MotoServer.repositoryRoot.appendingPathComponent("StateMachines")

    @Test(
        "every runbook in StateMachines/ calls only operations and fields that exist",
        .enabled(if: FileManager.default.fileExists(atPath: stateMachines.path), "no StateMachines/ folder yet"))
    func runbooks() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.stateMachines.path).filter {
            $0.hasSuffix(".json")
        }
        #expect(!files.isEmpty)
        for file in files {
            let text = try String(contentsOf: Self.stateMachines.appendingPathComponent(file), encoding: .utf8)
            #expect(AWSIntegrations.problems(in: try JSONValue(parsing: text)) == [], "\(file)")
        }
    }
}
