import Foundation
import StatesLanguage

// Prints throughput figures for the engine. Never asserts on time: run with
//   swift run -c release sfnrun-bench
// and compare the printed numbers.

/// Peak resident memory of this process so far, in MiB (Linux; 0 elsewhere).
func peakMemoryMiB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let kilobytes = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
        return kilobytes / 1024
    }
    return 0
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

func report(_ label: String, count: Int, unit: String, elapsed: Duration) {
    let s = seconds(elapsed)
    let rate = Double(count) / s
    print(String(format: "%-58@ %10.0f %@/s  (%d in %.3f s, peak RSS %.0f MiB)", label as NSString, rate, unit as NSString, count, s, peakMemoryMiB()))
}

func loopMachine(iterations: Int) throws -> StateMachine {
    try StateMachine(parsing: """
        {"StartAt": "Increment", "States": {
          "Increment": {"Type": "Pass", "Parameters": {"i.$": "States.MathAdd($.i, 1)"}, "Next": "Check"},
          "Check": {"Type": "Choice", "Choices": [
            {"Variable": "$.i", "NumericLessThan": \(iterations), "Next": "Increment"}], "Default": "Done"},
          "Done": {"Type": "Succeed"}}}
        """)
}

func mapMachine(concurrency: Int) throws -> StateMachine {
    try StateMachine(parsing: """
        {"StartAt": "Fan", "States": {"Fan": {"Type": "Map", "MaxConcurrency": \(concurrency), "End": true,
          "ItemProcessor": {"StartAt": "A", "States": {
            "A": {"Type": "Pass", "Parameters": {"item.$": "$"}, "Next": "B"},
            "B": {"Type": "Pass", "Result": "b", "ResultPath": "$.b", "Next": "C"},
            "C": {"Type": "Pass", "OutputPath": "$.item", "End": true}}}}}}
        """)
}

func linearDefinition(states: Int) -> String {
    var parts: [String] = []
    for i in 0..<states {
        let next = i == states - 1 ? #""End": true"# : #""Next": "S\#(i + 1)""#
        parts.append(#""S\#(i)": {"Type": "Pass", "Parameters": {"n": \#(i), "v.$": "$.v"}, \#(next)}"#)
    }
    return #"{"StartAt": "S0", "States": {"# + parts.joined(separator: ",") + "}}"
}

/// The same definition as `linearDefinition`, written in block-style YAML.
func linearYAMLDefinition(states: Int) -> String {
    var lines = ["StartAt: S0", "States:"]
    for i in 0..<states {
        lines += ["  S\(i):", "    Type: Pass", "    Parameters:", "      n: \(i)", "      v.$: $.v"]
        lines.append(i == states - 1 ? "    End: true" : "    Next: S\(i + 1)")
    }
    return lines.joined(separator: "\n") + "\n"
}

let clock = ContinuousClock()
/// Benchmarks to run: all, or those named on the command line (`loop`, `map`, `parse`, `jsonata`, `layout`, `durability`, `distributed`, `hostile`);
/// `durability:loop`, `durability:fsyncs` and `durability:resume` run one figure of `durability`.
let selected = Set(CommandLine.arguments.dropFirst())
func wants(_ name: String) -> Bool { selected.isEmpty || selected.contains(name) }
print("sfnrun-bench (\(ProcessInfo.processInfo.activeProcessorCount) cores)")

// 1. Pass → Choice loop with States.MathAdd, single execution (single-threaded run loop).
let iterations = 100_000
let loop = try loopMachine(iterations: iterations)
for recordsHistory in [false, true] where wants("loop") {
    var executor = Executor(clock: VirtualClock(), limits: .unlimited)
    executor.recordsHistory = recordsHistory
    // Five rounds: a 2-core machine shared with other work varies a lot from run to run,
    // so the median and the best round are both printed.
    var rounds: [Duration] = []
    for _ in 0..<5 {
        let start = clock.now
        let result = await executor.run(loop, input: ["i": 0])
        rounds.append(clock.now - start)
        guard result.output == ["i": .integer(iterations)] else { fatalError("loop failed: \(result.status)") }
    }
    rounds.sort()
    let transitions = 2 * iterations + 1
    let label = "Pass→Choice loop, 100,000 iterations (history \(recordsHistory ? "kept" : "off"))"
    report(label + ", median", count: transitions, unit: "transitions", elapsed: rounds[2])
    report(label + ", best", count: transitions, unit: "transitions", elapsed: rounds[0])
}

// 2. Inline Map over 10,000 items × 3 Pass states.
let items = JSONValue.array((0..<10_000).map { .integer($0) })
for concurrency in [0, 10] where wants("map") {
    let map = try mapMachine(concurrency: concurrency)
    var executor = Executor(clock: VirtualClock(), limits: .unlimited)
    executor.recordsHistory = false
    let start = clock.now
    let result = await executor.run(map, input: items)
    let elapsed = clock.now - start
    guard result.output == items else { fatalError("map failed: \(result.status)") }
    report("Inline Map, 10,000 items × 3 Pass, MaxConcurrency \(concurrency)", count: 30_000, unit: "transitions", elapsed: elapsed)
}

// 3. Parse and validate a 1,000-state linear definition.
if wants("parse") {
    let text = linearDefinition(states: 1_000)
    let rounds = 20
    let parseElapsed = clock.measure {
        for _ in 0..<rounds { _ = try! StateMachine(parsing: text) }
    }
    report("Parse + validate, 1,000-state linear definition", count: rounds * 1_000, unit: "states", elapsed: parseElapsed)
    print(String(format: "  one 1,000-state definition: %.2f ms", seconds(parseElapsed) / Double(rounds) * 1000))
    let yaml = linearYAMLDefinition(states: 1_000)
    guard try! StateMachine(parsing: yaml, format: .yaml).definition == StateMachine(parsing: text).definition else {
        fatalError("the YAML definition differs from the JSON one")
    }
    let yamlElapsed = clock.measure {
        for _ in 0..<rounds { _ = try! StateMachine(parsing: yaml, format: .yaml) }
    }
    report("Parse + validate, the same definition in YAML", count: rounds * 1_000, unit: "states", elapsed: yamlElapsed)
    print(String(format: "  one 1,000-state YAML definition: %.2f ms", seconds(yamlElapsed) / Double(rounds) * 1000))
}

// 4. JSONata expressions typical of Step Functions, parsed once and evaluated many times.
if wants("jsonata") {
    JSONataBenchmark.run()
}

// 5. Graph layout of large definitions (sfnrun graph, reports).
if wants("layout") {
    LayoutBenchmark.run()
}

// 6. Durable executions: the store's cost on the loop, fsyncs per task, resuming a long journal.
let durabilityParts = Set(selected.filter { $0.hasPrefix("durability:") }.map { String($0.dropFirst("durability:".count)) })
if wants("durability") || !durabilityParts.isEmpty {
    try await DurabilityBenchmark.run(parts: durabilityParts)
}

// 7. Distributed Map over a CSV in a local folder: 100,000 rows, then 1,000,000 (peak RSS only grows).
if wants("distributed") {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sfnrun-bench-distributed-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    for rows in [100_000, 1_000_000] { try await benchmarkDistributedMap(rows: rows, folder: folder) }
}

// 8. The hostile inputs of issue 10: regex, stop latency, large mock files, memory bombs.
if wants("hostile") {
    await HostileInputBenchmark.run()
}
