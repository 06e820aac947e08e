import StatesLanguage

extension MockConfiguration {
    /// Checks every `Return` that `testCases` give the Task states of `machine` against the
    /// response shape of each state's resource, as AWS's `TestState` checks a mocked result.
    ///
    /// Each (mocked response, state) pair is checked once, whichever test cases use it. A mismatch
    /// is an error naming the test cases, the state, the mocked response and the field, with what
    /// the shape allows; notes from the checker (fields the shape does not have, results it cannot
    /// check) are warnings. Diagnostics point at the field inside `MockedResponses` (with its line
    /// and column when the configuration was parsed from text). Mocked states that are not Task
    /// states are not checked.
    ///
    /// ```swift
    /// let diagnostics = configuration.resultDiagnostics(
    ///     of: configuration.stateMachine(named: "Reboot")!.testCases, in: machine,
    ///     checker: AWSResultShapes(), mode: .strict)
    /// for diagnostic in diagnostics { print(diagnostic.formatted(file: "mocks.json")) }
    /// // mocks.json:9:37: error: MockedResponses.Described.0.Return.Reservations: test case 'HappyPath', state 'Describe', mocked response 'Described': $.Reservations must be …
    /// ```
    ///
    /// - Parameters:
    ///   - testCases: the test cases to check (of `machine`'s entry).
    ///   - machine: the state machine they run; its Task states' resources choose the shapes.
    ///   - checker: the shapes, such as `AWSResultShapes` of `StatesLanguageAWS`.
    ///   - mode: AWS's `fieldValidationMode`; `NONE` checks nothing.
    /// - Returns: errors for mismatches and warnings for notes, in the order of the test cases and
    ///   their state names.
    public func resultDiagnostics(
        of testCases: [MockTestCase], in machine: StateMachine, checker: any TaskResultChecker,
        mode: StateTest.Mock.FieldValidationMode
    ) -> [Diagnostic] {
        guard mode != .none else { return [] }
        var resources: [String: ResourceARN] = [:]
        for state in machine.allStates {
            if case .task(let task) = state, resources[state.name] == nil { resources[state.name] = task.resource }
        }
        // Each (response, state) pair once, with the test cases that use it.
        var pairs: [(response: MockedResponse, state: String, resource: ResourceARN, cases: [String])] = []
        for testCase in testCases {
            for stateName in testCase.mockedStates.keys.sorted() {
                guard let response = testCase.mockedStates[stateName], let resource = resources[stateName] else { continue }
                if let index = pairs.firstIndex(where: { $0.response.name == response.name && $0.state == stateName }) {
                    pairs[index].cases.append(testCase.name)
                } else {
                    pairs.append((response, stateName, resource, [testCase.name]))
                }
            }
        }
        var diagnostics: [Diagnostic] = []
        var notesSeen: Set<String> = []
        for pair in pairs {
            let keys = entryKeys[pair.response.name]
            let cases = pair.cases.map { "'\($0)'" }.joined(separator: ", ")
            let context =
                "test case\(pair.cases.count == 1 ? "" : "s") \(cases), state '\(pair.state)', mocked response '\(pair.response.name)'"
            for (index, entry) in pair.response.entries.enumerated() {
                guard case .returning(let result) = entry.outcome else { continue }
                let key = keys.flatMap { index < $0.count ? $0[index] : nil } ?? Self.key(for: entry.invocations)
                let returnPath = FieldPath([.key("MockedResponses"), .key(pair.response.name), .key(key), .key("Return")])
                for problem in checker.problems(in: result, from: pair.resource, mode: mode) {
                    let path = FieldPath(returnPath.components + problem.path.components)
                    let location = sourceMap?.nearestLocation(of: path.jsonPointer)
                    switch problem.kind {
                    case .mismatch:
                        diagnostics.append(
                            Diagnostic(
                                .error, at: path,
                                "\(context): \(problem.jsonPath) \(problem.message) (fieldValidationMode \(mode.rawValue))",
                                location: location))
                    case .note:
                        // A note about the resource (not one field) is said once per state.
                        let seenKey = problem.path.components.isEmpty ? "\(pair.state)\u{0}\(problem.message)" : "\(path)"
                        guard notesSeen.insert(seenKey).inserted else { continue }
                        let subject = problem.path.components.isEmpty
                            ? "state '\(pair.state)' (\(pair.resource))" : "\(context): \(problem.jsonPath)"
                        diagnostics.append(Diagnostic(.warning, at: path, "\(subject): \(problem.message)", location: location))
                    }
                }
            }
        }
        return diagnostics
    }

    /// `"0"` or `"1-2"`: an entry's key when the configuration was not parsed from text.
    private static func key(for range: ClosedRange<Int>) -> String {
        range.lowerBound == range.upperBound ? "\(range.lowerBound)" : "\(range.lowerBound)-\(range.upperBound)"
    }
}
