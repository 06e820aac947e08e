import Foundation

@testable import StatesLanguage

/// Every diagnostic of a definition: its errors when it is rejected, else its warnings.
func allDiagnostics(_ definition: String) -> [Diagnostic] {
    do {
        return try StateMachine(parsing: definition).warnings
    } catch {
        return error.diagnostics
    }
}
