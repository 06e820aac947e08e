import Foundation
import StatesLanguage

/// One definition with a known verdict (`asl-validation/cases/*.json`), validated in-process as
/// `sfnrun validate [--type …]` validates a file: valid when it compiles (warnings allowed).
struct ValidationCase: Sendable {
    /// What validating the definition gave.
    struct Observed: Sendable {
        var isValid: Bool
        var codes: Set<String>
        var diagnostics: [String]
    }

    let file: String
    let text: String
    let type: StateMachineType
    let expectsValid: Bool
    let authority: String
    /// AWS's diagnostic codes the recording names (the API's `InvalidDefinition` exception left out).
    let expectedCodes: [String]

    init(_ file: SharedCorpus.File) {
        let document = file.document
        self.file = file.name
        if let text = document["definition_text"]?.stringValue {
            self.text = text
        } else {
            text = (document["definition"] ?? .null).jsonString(options: .pretty)
        }
        type = document["state_machine_type"]?.stringValue.flatMap(StateMachineType.init(rawValue:)) ?? .standard
        expectsValid = document["expected"]?.stringValue == "valid"
        authority = document["authority"]?.stringValue ?? "?"
        expectedCodes = (document["expected_codes"]?.arrayValue ?? []).compactMap(\.stringValue)
            .filter { $0 != "InvalidDefinition" }
    }

    /// Whether the definition uses Distributed Map.
    var usesDistributedMap: Bool { SharedCorpus.usesDistributedMap(text) }

    func run() -> Observed {
        do {
            let machine = try StateMachine(parsing: text, name: "definition", type: type)
            return Observed(
                isValid: true, codes: Set(machine.warnings.compactMap(\.code?.rawValue)),
                diagnostics: machine.warnings.map(\.description))
        } catch {
            return Observed(
                isValid: false, codes: Set(error.errors.compactMap(\.code?.rawValue)),
                diagnostics: error.diagnostics.map(\.description))
        }
    }
}
