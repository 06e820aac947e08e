import Foundation
import StatesLanguage
import Testing

@testable import StatesLanguageAWS

/// The canned results in StateMachines/mocks stand in for what the integrations return; each
/// must use only field names the operation's output has, as this module produces them.
@Suite("Runbook mocks have SDK shapes")
struct MockShapeTests {
    static let mocks = MotoServer.repositoryRoot.appendingPathComponent("StateMachines/mocks")

    /// Field names in `value` that the shape does not have, as paths.
    static func unknownFields(
        _ value: JSONValue, ref: ServiceModel.ShapeRef, model: ServiceModel, path: String
    ) -> [String] {
        guard let shape = model.shape(ref) else { return [] }
        switch (shape.kind, value) {
        case (.structure, .object(let object)):
            var unknown: [String] = []
            for (key, item) in object {
                guard let member = shape.members.first(where: { ShapeFieldNames.fieldName(forMember: $0.name) == key })
                else {
                    unknown.append("\(path).\(key)")
                    continue
                }
                unknown += unknownFields(item, ref: member.ref, model: model, path: "\(path).\(key)")
            }
            return unknown
        case (.list, .array(let items)):
            guard let element = shape.member else { return [] }
            return items.enumerated().flatMap { unknownFields($1, ref: element, model: model, path: "\(path)[\($0)]") }
        case (.map, .object(let object)):
            guard let valueRef = shape.value else { return [] }
            return object.flatMap { unknownFields($0.value, ref: valueRef, model: model, path: "\(path).\($0.key)") }
        default:
            return []
        }
    }

    /// Task states by name, nested ones included.
    static func tasks(in states: JSONValue?, into found: inout [String: JSONValue]) {
        for (name, state) in states?.objectValue ?? JSONObject() {
            if state["Type"] == "Task" { found[name] = state }
            for branch in state["Branches"]?.arrayValue ?? [] { tasks(in: branch["States"], into: &found) }
            for key in ["Iterator", "ItemProcessor"] { tasks(in: state[key]?["States"], into: &found) }
        }
    }

    @Test(
        "every Return of an AWS task uses the operation's output field names",
        .enabled(if: FileManager.default.fileExists(atPath: mocks.path), "no StateMachines/mocks folder yet"))
    func returnsHaveOutputShapes() throws {
        var checked = 0
        for file in try FileManager.default.contentsOfDirectory(atPath: Self.mocks.path) where file.hasSuffix(".json") {
            let mock = try JSONValue(
                parsing: try String(contentsOf: Self.mocks.appendingPathComponent(file), encoding: .utf8))
            for (machineName, machine) in mock["StateMachines"]?.objectValue ?? JSONObject() {
                let definitionFile = MotoServer.repositoryRoot.appendingPathComponent(
                    "StateMachines/\(machineName).json")
                guard let text = try? String(contentsOf: definitionFile, encoding: .utf8) else { continue }
                var tasks: [String: JSONValue] = [:]
                Self.tasks(in: try JSONValue(parsing: text)["States"], into: &tasks)
                for (_, testCase) in machine["TestCases"]?.objectValue ?? JSONObject() {
                    for (stateName, responseName) in testCase.objectValue ?? JSONObject() {
                        guard let resourceText = tasks[stateName]?["Resource"]?.stringValue,
                            let resource = try? ResourceARN(resourceText), resource.kind == .awsSDK,
                            let model = ServiceModel.named(resource.service ?? ""),
                            let operation = model.operation(
                                named: ShapeFieldNames.fieldName(forMember: resource.action ?? "")),
                            let responseKey = responseName.stringValue,
                            let responses = mock["MockedResponses"]?[responseKey]?.objectValue
                        else { continue }
                        for (attempt, response) in responses {
                            guard let result = response["Return"], let outputName = operation.output else { continue }
                            let unknown = Self.unknownFields(
                                result, ref: .named(outputName), model: model, path: "\(responseKey)[\(attempt)]")
                            #expect(unknown.isEmpty, "\(file): \(stateName) (\(resourceText)): \(unknown)")
                            checked += 1
                        }
                    }
                }
            }
        }
        #expect(checked > 0)
    }
}
