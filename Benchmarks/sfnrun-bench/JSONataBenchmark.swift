import Foundation
import JSONCore
import JSONata

/// Throughput of typical Step Functions JSONata expressions: each is parsed once
/// and evaluated repeatedly against a `$states` binding; figures are printed, never asserted.
enum JSONataBenchmark {
    /// Runs every case and prints evaluations per second.
    static func run() {
        var items: [JSONValue] = []
        for i in 0..<100 {
            items.append(["sku": .string("SKU-\(i)"), "price": .number(.integer(Int64(i % 25))), "quantity": 2])
        }
        let numbers = (0..<1_000).map { JSONValue.number(.double(Double($0) * 1.5)) }
        let input: JSONValue = ["name": "Ada", "items": .array(items), "numbers": .array(numbers)]
        let states: JSONValue = ["input": input, "context": ["Execution": ["Id": "exec-1"]]]
        let cases: [(name: String, expression: String)] = [
            ("field access", "$states.input.name"),
            ("filter and project", "$states.input.items[price > 10].sku"),
            ("string concatenation", "'Hello ' & $states.input.name & '!'"),
            ("sum of 1,000 numbers", "$sum($states.input.numbers)"),
        ]
        print("JSONata evaluations per second (parse once, evaluate many):")
        for (name, source) in cases {
            do {
                let expression = try JSONataExpression(source)
                let bindings = ["states": states]
                // warm up and size the run to about half a second
                var iterations = 0
                let clock = ContinuousClock()
                let probeStart = clock.now
                while clock.now - probeStart < .milliseconds(50) {
                    _ = try expression.evaluate(nil, bindings: bindings)
                    iterations += 1
                }
                let count = max(iterations * 10, 10)
                let start = clock.now
                for _ in 0..<count { _ = try expression.evaluate(nil, bindings: bindings) }
                let elapsed = clock.now - start
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                let rate = Double(count) / seconds
                print("  \(name.padding(toLength: 24, withPad: " ", startingAt: 0)) \(source)")
                print("    \(Int(rate)) evaluations/s (\(String(format: "%.2f", seconds * 1e6 / Double(count))) µs each)")
            } catch {
                print("  \(name): failed: \(error)")
            }
        }
    }
}
