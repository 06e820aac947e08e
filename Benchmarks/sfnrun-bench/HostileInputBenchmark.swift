import Foundation
import JSONCore
import JSONata
import StatesLanguage
import StatesLanguageTesting

/// Time taken by the hostile inputs of issue 10, now bounded: printed, never asserted.
enum HostileInputBenchmark {
    static func run() async {
        let clock = ContinuousClock()
        print("Hostile input (issue 10):")

        // The catastrophic regex: exponential on a backtracking engine without memory.
        let regex = try! JSONataExpression("$match($pad('', 1000, 'a') & '!', /(a+)+$/)")
        let regexTime = clock.measure { _ = try? regex.evaluate(nil) }
        print(String(format: "  /(a+)+$/ on 1,000 a's and '!': %.1f ms", seconds(regexTime) * 1000))

        // Searches that start at every position: linear because the searches of one call share their record.
        let contains = try! JSONataExpression("$contains($pad('', 20000, 'a'), /(a*)*b/)")
        let containsTime = clock.measure { _ = try? contains.evaluate(nil) }
        let replace = try! JSONataExpression("$length($replace($pad('', 100000, 'a'), /(a*)*b/, 'x'))")
        let replaceTime = clock.measure { _ = try? replace.evaluate(nil) }
        print(String(format: "  /(a*)*b/ searched in 20,000 a's ($contains) / 100,000 a's ($replace): %.0f ms / %.0f ms",
                     seconds(containsTime) * 1000, seconds(replaceTime) * 1000))

        // Stop latency: stop() while a JSONata Output loops forever, to the execution's result.
        let machine = try! StateMachine(parsing: #"""
            {"QueryLanguage": "JSONata", "StartAt": "P", "States": {"P": {"Type": "Pass",
              "Output": "{% ($f := function(){ $f() }; $f()) %}", "End": true}}}
            """#)
        var latencies: [Duration] = []
        for _ in 0..<5 {
            let execution = try! await Executor().start(machine)
            try? await Task.sleep(for: .milliseconds(100))
            let stopped = clock.now
            execution.stop()
            let result = await execution.result
            latencies.append(clock.now - stopped)
            guard result.status.name == "ABORTED" else { fatalError("not aborted: \(result.status)") }
        }
        latencies.sort()
        print(String(format: "  stop() during an endless evaluation to ABORTED: median %.1f ms, worst %.1f ms",
                     seconds(latencies[2]) * 1000, seconds(latencies[4]) * 1000))

        // A mock response with 100,000 invocation keys (their overlaps checked in n log n).
        let entries = (0..<100_000).map { #""\#($0)": {"Return": \#($0)}"# }.joined(separator: ",")
        let text = #"{"StateMachines": {"M": {"TestCases": {"C": {"A": "R"}}}}, "MockedResponses": {"R": {"# + entries + "}}}"
        let mockTime = clock.measure { _ = try! MockConfiguration(parsing: text) }
        print(String(format: "  mock configuration with 100,000 invocation keys: %.0f ms", seconds(mockTime) * 1000))

        // The memory bomb: refused by the item budget.
        let bomb = try! JSONataExpression("$count([1..1e7].[1..1e7])")
        let bombTime = clock.measure { _ = try? bomb.evaluate(nil) }
        print(String(format: "  $count([1..1e7].[1..1e7]) to U1002: %.0f ms, peak RSS so far %.0f MiB",
                     seconds(bombTime) * 1000, peakMemoryMiB()))
        let objects = try! JSONataExpression("$count([1..1e7].{'a': $, 'b': $, 'c': $})")
        let objectsTime = clock.measure { _ = try? objects.evaluate(nil) }
        print(String(format: "  $count([1..1e7].{'a': $, 'b': $, 'c': $}) to U1002: %.0f ms, peak RSS so far %.0f MiB",
                     seconds(objectsTime) * 1000, peakMemoryMiB()))
    }
}
