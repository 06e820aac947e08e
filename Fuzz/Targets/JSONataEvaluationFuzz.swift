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
    var environment = JSONataEnvironment(timeLimit: .milliseconds(200), now: { Date(timeIntervalSince1970: 0) })
    environment.maximumDepth = 200
    environment.maximumSequenceLength = 10_000
    environment.maximumTotalItems = 100_000
    environment.maximumStringBytes = 1 << 16
    return environment
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONataEvaluation(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let expression = try? JSONataExpression(text) else { return 0 }
    _ = try? expression.evaluate(input, bindings: ["states": ["input": input]], environment: environment)
    return 0
}
