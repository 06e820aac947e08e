// libFuzzer target: JSONata evaluation against a small input, with tight budgets so that every
// input ends quickly (the budgets themselves are under test).
import Foundation
import JSONCore
import JSONata

private let input: JSONValue = [
    "Account": ["Order": [["Product": [["Price": 34.45, "Quantity": 2, "Name": "Hat"]], "ID": "o1"]]],
    "list": [1, 2, 3, "x", nil, true], "text": "Hello World", "deep": ["a": ["b": ["c": 1]]],
]

private let environment: JSONataEnvironment = {
    // Budgets far below the engine's defaults, so that a runaway input costs milliseconds rather
    // than a fifth of a second, and every limit is hit (and its error path run) often.
    var environment = JSONataEnvironment(timeLimit: .milliseconds(20), now: { Date(timeIntervalSince1970: 0) })
    environment.maximumDepth = 100
    environment.maximumSequenceLength = 1_000
    environment.maximumTotalItems = 10_000
    environment.maximumStringBytes = 1 << 12
    return environment
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONataEvaluation(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let expression = try? JSONataExpression(text) else { return 0 }
    _ = try? expression.evaluate(input, bindings: ["states": ["input": input]], environment: environment)
    return 0
}
