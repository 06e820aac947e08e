import Testing

@testable import StatesLanguage

/// The small document the `jsonpath` fuzz target evaluates paths against.
private let fuzzDocument: JSONValue = [
    "a": [1, 2, ["b": "c", "d": [true, nil, 3.5]]], "e": ["f": ["g": "h"]], "list": [["x": 1], ["x": 2], ["y": 3]],
    "s": "text", "n": -7,
]

/// `[k,k,…]` with `k` written `count` times.
private func union(_ key: String, _ count: Int) -> String {
    "[" + Array(repeating: key, count: count).joined(separator: ",") + "]"
}

/// Unions, deep scans and filters multiply the nodes a path reaches; ``JSONPath/maximumNodes``
/// bounds them so that no path runs for minutes (found by the `jsonpath` fuzz target, which timed
/// out after 10 s on CI).
@Suite("JSONPath node limit")
struct JSONPathLimitTests {
    /// The error a path that reaches too many nodes fails with, or `nil` when it does not fail.
    private func limitError(_ path: String, in document: JSONValue) throws -> StatesError? {
        let compiled = try JSONPath(path)
        do {
            _ = try compiled.value(in: document)
            return nil
        } catch {
            return error
        }
    }

    @Test(
        "Unions and filters that multiply fail with States.Runtime instead of running for minutes",
        arguments: [
            // 300 × 100 × 300 nodes, then three more for each: the input that timed out the fuzz run on CI.
            "$" + union("'a'", 300) + union("2", 100) + union("'d'", 300) + "[*]",
            // Every filter tests every container, and each test runs the whole filter below it again.
            "$..[?($..[?($..[?($..[?($..[?($..*)])])])])]",
        ])
    func multiplyingPaths(path: String) throws {
        let error = try #require(try limitError(path, in: fuzzDocument))
        #expect(error.name == .runtime)
        #expect(error.cause?.contains("reaches more than 1000000 nodes") == true)
        // A long path is shortened as names are in every message.
        #expect(error.cause?.hasPrefix("The JSONPath '\(Diagnostic.shortened(path))' reaches") == true)
    }

    @Test("The limit counts every node reached, over all segments: one million pass, one more fails")
    func boundary() throws {
        let document: JSONValue = ["a": .array(Array(repeating: 0, count: JSONPath.maximumNodes - 1))]
        // `$.a` reaches 1 node, `[*]` 999,999 more: exactly the limit.
        let all = try #require(try JSONPath("$.a[*]").value(in: document))
        #expect(all.arrayValue?.count == JSONPath.maximumNodes - 1)
        // `['a','a']` reaches 2 nodes, `[*]` twice 999,999.
        let error = try #require(try limitError("$['a','a'][*]", in: document))
        #expect(error.cause == "The JSONPath '$['a','a'][*]' reaches more than 1000000 nodes: its unions, deep scans and filters multiply, and a path may reach at most that many")
    }

    @Test("Filter tests spend the budget even when no element passes")
    func filterTestsCount() throws {
        let document: JSONValue = .array(Array(repeating: 0, count: JSONPath.maximumNodes / 2 + 1))
        // One test per element: 500,001 units.
        #expect(try JSONPath("$[?(@ == 1)]").value(in: document) == [])
        // The `||` and each of its sides count: 3 units per element, 1,500,003 in all, with nothing selected.
        let error = try #require(try limitError("$[?(@ == 1 || @ == 2)]", in: document))
        #expect(error.name == .runtime)
    }

    @Test("In a state, a path that multiplies fails the state with States.Runtime, as any path error does")
    func inState() async throws {
        let path = "$" + union("'e'", 200) + union("'f'", 200) + union("'g'", 200) + "[*]"
        let result = try await run(
            #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "InputPath": "\#(path)", "End": true}}}"#,
            input: fuzzDocument)
        #expect(result.error?.name == .runtime)
        #expect(result.error?.cause?.contains("reaches more than 1000000 nodes") == true)

        let intrinsic = try await run(
            #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"n.$": "States.ArrayLength(\#(path))"}, "End": true}}}"#,
            input: fuzzDocument)
        #expect(intrinsic.error?.name == .runtime)
        #expect(intrinsic.error?.cause?.contains("had the following error: The JSONPath") == true)
    }
}
