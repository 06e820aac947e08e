import StatesLanguage

/// Reads a mock configuration's JSON, collecting every problem with its place in the file.
struct MockConfigurationReader {
    private(set) var diagnostics: [Diagnostic] = []
    let sourceMap: JSONSourceMap?
    /// Each response's entry keys as written (`"1-2"`), in the order of its entries.
    var entryKeys: [String: [String]] = [:]

    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    mutating func error(_ path: FieldPath, _ message: String) {
        diagnostics.append(Diagnostic(.error, at: path, message, location: sourceMap?.nearestLocation(of: path.jsonPointer)))
    }

    private mutating func object(_ value: JSONValue?, at path: FieldPath, what: String) -> JSONObject? {
        guard let value else { return nil }
        guard case .object(let object) = value else {
            error(path, "\(what) must be an object, got \(value.typeName)")
            return nil
        }
        return object
    }

    mutating func read(_ root: JSONValue) -> MockConfiguration? {
        let rootPath = FieldPath()
        reportDuplicateKeys()
        guard let top = object(root, at: rootPath, what: "a mock configuration") else { return nil }
        for key in top.keys where !["StateMachines", "MockedResponses", "Expectations"].contains(key) {
            error(rootPath.appending(key), "unknown field '\(key)' (expected StateMachines, MockedResponses or Expectations)")
        }
        var responses: [String: MockedResponse] = [:]
        let responsesPath = rootPath.appending("MockedResponses")
        if let all = object(top["MockedResponses"], at: responsesPath, what: "MockedResponses") {
            for (name, value) in all {
                if let response = readResponse(name, value, at: responsesPath.appending(name)) { responses[name] = response }
            }
        }
        let machinesPath = rootPath.appending("StateMachines")
        guard let machines = object(top["StateMachines"], at: machinesPath, what: "StateMachines") else {
            if top["StateMachines"] == nil { error(machinesPath, "required field 'StateMachines' is missing") }
            return nil
        }
        let expectationsPath = rootPath.appending("Expectations")
        let expectations = object(top["Expectations"], at: expectationsPath, what: "Expectations") ?? JSONObject()
        var result: [MockedStateMachine] = []
        for (machineName, machineValue) in machines {
            let machinePath = machinesPath.appending(machineName)
            guard let machine = object(machineValue, at: machinePath, what: "a state machine entry") else { continue }
            for key in machine.keys where key != "TestCases" {
                error(machinePath.appending(key), "unknown field '\(key)' (a state machine entry has only TestCases)")
            }
            let casesPath = machinePath.appending("TestCases")
            guard let cases = object(machine["TestCases"], at: casesPath, what: "TestCases") else {
                if machine["TestCases"] == nil { error(casesPath, "required field 'TestCases' is missing") }
                continue
            }
            let machineExpectations = object(
                expectations[machineName], at: expectationsPath.appending(machineName), what: "an Expectations entry")
            var testCases: [MockTestCase] = []
            for (caseName, caseValue) in cases {
                let casePath = casesPath.appending(caseName)
                guard let mapping = object(caseValue, at: casePath, what: "a test case") else { continue }
                var mocked: [String: MockedResponse] = [:]
                for (stateName, responseValue) in mapping {
                    let statePath = casePath.appending(stateName)
                    guard case .string(let responseName) = responseValue else {
                        error(statePath, "must name a mocked response (a string), got \(responseValue.typeName)")
                        continue
                    }
                    guard let response = responses[responseName] else {
                        if responseExists(responseName, in: top) { continue }  // Its own problems are already reported.
                        error(statePath, "no mocked response named '\(responseName)' under MockedResponses")
                        continue
                    }
                    mocked[stateName] = response
                }
                var testCase = MockTestCase(name: caseName, stateMachineName: machineName, mockedStates: mocked)
                for stateName in mocked.keys {
                    testCase.mockLocations[stateName] = sourceMap?.keyLocation(of: casePath.appending(stateName).jsonPointer)
                }
                if let value = machineExpectations?[caseName] {
                    readExpectation(value, into: &testCase, at: expectationsPath.appending(machineName).appending(caseName))
                }
                testCases.append(testCase)
            }
            for caseName in machineExpectations?.keys ?? [] where cases[caseName] == nil {
                error(
                    expectationsPath.appending(machineName).appending(caseName),
                    "expectations for test case '\(caseName)', which StateMachines.\(machineName).TestCases does not define")
            }
            result.append(MockedStateMachine(name: machineName, testCases: testCases))
        }
        for machineName in expectations.keys where machines[machineName] == nil {
            error(
                expectationsPath.appending(machineName),
                "expectations for state machine '\(machineName)', which StateMachines does not define")
        }
        return MockConfiguration(stateMachines: result, mockedResponses: responses)
    }

    /// Refuses keys written twice in one object: a JSON reader would keep only the last value.
    private mutating func reportDuplicateKeys() {
        guard let sourceMap else { return }
        for pointer in sourceMap.duplicateKeys {
            let tokens = pointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map {
                $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            }
            let path = FieldPath(tokens.map { FieldPath.Component.key($0) })
            diagnostics.append(
                Diagnostic(
                    .error, at: path,
                    "'\(tokens.last ?? "")' appears more than once in its object; only the last one would be used",
                    location: sourceMap.keyLocation(of: pointer)))
        }
    }

    private func responseExists(_ responseName: String, in top: JSONObject) -> Bool {
        top["MockedResponses"]?[responseName] != nil
    }

    // MARK: Mocked responses

    private mutating func readResponse(_ name: String, _ value: JSONValue, at path: FieldPath) -> MockedResponse? {
        guard let object = object(value, at: path, what: "a mocked response") else { return nil }
        if object.isEmpty { error(path, "a mocked response needs at least one entry, such as \"0\": {\"Return\": {}}") }
        var entries: [MockedResponse.Entry] = []
        var keys: [String] = []
        var ok = true
        var ranges: [(range: ClosedRange<Int>, key: String)] = []
        for (key, entryValue) in object {
            let entryPath = path.appending(key)
            guard let range = invocationRange(key) else {
                error(entryPath, "'\(key)' is not an invocation number (\"0\") or an inclusive range (\"1-2\")")
                ok = false
                continue
            }
            ranges.append((range, key))
            guard let outcome = readOutcome(entryValue, at: entryPath) else {
                ok = false
                continue
            }
            entries.append(MockedResponse.Entry(invocations: range, outcome: outcome))
            keys.append(key)
        }
        // Overlaps, found in one pass over the ranges sorted by their start (n log n for many keys).
        var widest: (range: ClosedRange<Int>, key: String)? = nil
        for entry in ranges.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
            if let other = widest, entry.range.lowerBound <= other.range.upperBound {
                error(path.appending(entry.key), "invocations \(entry.key) overlap the entry for \(describe(other.range))")
                ok = false
            }
            if widest == nil || entry.range.upperBound > widest!.range.upperBound { widest = entry }
        }
        guard ok else { return nil }
        entryKeys[name] = keys
        return MockedResponse(name: name, entries: entries)
    }

    private func describe(_ range: ClosedRange<Int>) -> String {
        range.lowerBound == range.upperBound ? "\(range.lowerBound)" : "\(range.lowerBound)-\(range.upperBound)"
    }

    /// `"3"` → `3...3`, `"1-2"` → `1...2`; `nil` for anything else (negative, reversed, padded).
    private func invocationRange(_ key: String) -> ClosedRange<Int>? {
        func number(_ text: Substring) -> Int? {
            guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            return Int(text)
        }
        let parts = key.split(separator: "-", omittingEmptySubsequences: false)
        switch parts.count {
        case 1: return number(parts[0]).map { $0...$0 }
        case 2:
            guard let low = number(parts[0]), let high = number(parts[1]), low <= high else { return nil }
            return low...high
        default: return nil
        }
    }

    private mutating func readOutcome(_ value: JSONValue, at path: FieldPath) -> MockOutcome? {
        guard let object = object(value, at: path, what: "a mocked response entry") else { return nil }
        for key in object.keys where key != "Return" && key != "Throw" {
            error(path.appending(key), "unknown field '\(key)' (an entry has either Return or Throw)")
            return nil
        }
        switch (object["Return"], object["Throw"]) {
        case (let returned?, nil):
            return .returning(returned)
        case (nil, let thrown?):
            let throwPath = path.appending("Throw")
            guard let details = self.object(thrown, at: throwPath, what: "Throw") else { return nil }
            for key in details.keys where key != "Error" && key != "Cause" {
                error(throwPath.appending(key), "unknown field '\(key)' (Throw has Error and Cause)")
                return nil
            }
            guard case .string(let name)? = details["Error"], !name.isEmpty else {
                error(throwPath.appending("Error"), "Throw needs an Error: a non-empty string such as \"States.TaskFailed\"")
                return nil
            }
            var cause: String?
            if let causeValue = details["Cause"] {
                guard case .string(let text) = causeValue else {
                    error(throwPath.appending("Cause"), "must be a string, got \(causeValue.typeName)")
                    return nil
                }
                cause = text
            }
            return .throwing(StatesError(ErrorName(rawValue: name), cause: cause))
        case (nil, nil):
            error(path, "an entry needs Return or Throw")
            return nil
        case (_?, _?):
            error(path, "an entry has either Return or Throw, not both")
            return nil
        }
    }

    // MARK: Expectations

    private mutating func readExpectation(_ value: JSONValue, into testCase: inout MockTestCase, at path: FieldPath) {
        guard let object = object(value, at: path, what: "an expectation") else { return }
        var expectation = TestExpectation()
        for (key, field) in object {
            let fieldPath = path.appending(key)
            switch key {
            case "Input": testCase.input = field
            case "Output": expectation.output = field
            case "OutputContains": expectation.outputContains = field
            case "Status":
                let statuses = ["SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"]
                guard case .string(let status) = field, statuses.contains(status) else {
                    error(fieldPath, "must be one of \(statuses.joined(separator: ", ")), got \(field.jsonString())")
                    continue
                }
                expectation.status = status
            case "Error", "Cause", "CauseContains":
                guard case .string(let text) = field else {
                    error(fieldPath, "must be a string, got \(field.typeName)")
                    continue
                }
                if key == "Error" { expectation.error = text }
                if key == "Cause" { expectation.cause = text }
                if key == "CauseContains" { expectation.causeContains = text }
            case "StatesEntered", "StatesNotEntered":
                guard case .array(let items) = field, let names = Optional(items.compactMap(\.stringValue)),
                    names.count == items.count
                else {
                    error(fieldPath, "must be an array of state names")
                    continue
                }
                if key == "StatesEntered" { expectation.statesEntered = names } else { expectation.statesNotEntered = names }
            default:
                error(
                    fieldPath,
                    "unknown field '\(key)' (expected one of \(TestExpectation.fieldNames.joined(separator: ", ")))")
            }
        }
        testCase.expectation = expectation
    }
}
