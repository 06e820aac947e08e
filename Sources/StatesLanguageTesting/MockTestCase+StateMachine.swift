import StatesLanguage

extension MockTestCase {
    /// Refuses a test case that mocks a state the state machine does not have: such a mock would
    /// be ignored silently (a typo, or a state since renamed).
    ///
    /// - Throws: ``MockConfigurationError`` with one diagnostic per unknown name, at its line and column.
    public func check(against machine: StateMachine) throws(MockConfigurationError) {
        let states = machine.allStates
        let names = Set(states.map(\.name))
        let taskNames = states.compactMap { state -> String? in
            if case .task = state { return state.name }
            return nil
        }
        var diagnostics: [Diagnostic] = []
        for stateName in mockedStates.keys.sorted() where !names.contains(stateName) {
            let shown = stateName.count > 80 ? String(stateName.prefix(80)) + "…" : stateName
            let known = taskNames.isEmpty ? "it has no Task states" : "its Task states: \(taskNames.joined(separator: ", "))"
            diagnostics.append(
                Diagnostic(
                    .error,
                    at: FieldPath([.key("StateMachines"), .key(stateMachineName), .key("TestCases"), .key(name), .key(stateName)]),
                    "test case '\(name)' mocks the state '\(shown)', which the state machine does not have (\(known))",
                    location: mockLocations[stateName]))
        }
        guard diagnostics.isEmpty else { throw MockConfigurationError(diagnostics: diagnostics) }
    }
}
