@testable import StatesLanguage

/// Random but valid definitions of a given number of states, for checking the layout on shapes
/// nobody drew by hand: chains, Choice fans, loops back, Catch jumps, Parallel branches and Map
/// processors nested in each other. Deterministic for a seed (the engine's SplitMix64).
struct RandomDefinition {
    private var generator: SplitMix64
    private var counter = 0

    init(seed: UInt64) {
        generator = SplitMix64(seed: seed)
    }

    /// A definition with exactly `states` states, nested ones included.
    mutating func make(states: Int) -> String {
        "{\"Comment\": \"generated\", " + graph(budget: max(1, states)) + "}"
    }

    private mutating func below(_ bound: Int) -> Int { Int(generator.next() % UInt64(max(bound, 1))) }
    private mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    /// `"StartAt": …, "States": {…}` with `budget` states, this graph's and its children's.
    private mutating func graph(budget: Int) -> String {
        // Decide how many states sit at this level and what the rest goes into.
        var remaining = budget
        var kinds: [(kind: Int, childBudget: Int)] = []
        while remaining > 0 {
            remaining -= 1
            var kind = below(100)
            var child = 0
            if kind < 12, remaining >= 1 {
                child = 1 + below(min(remaining, max(1, budget / 3)))
                remaining -= child
            } else if kind < 12 {
                kind = 50
            }
            kinds.append((kind, child))
        }
        // Every state must be reachable (AWS refuses unreachable ones): a Fail or Succeed that is not
        // last follows a state that can also jump past it (a Choice rule or a catcher); others are Passes.
        for index in kinds.indices.dropLast() where Self.isTerminal(kinds[index].kind) {
            if index == 0 || !Self.canBranch(kinds[index - 1]) { kinds[index].kind = 70 }
        }
        let names = kinds.map { _ in nextName() }
        var states: [String] = []
        for (index, entry) in kinds.enumerated() {
            let isLast = index == kinds.count - 1
            let forward = isLast ? nil : names[index + 1]
            // The state after next, when the next one is a Fail or Succeed this state must jump past.
            let past = index + 2 < kinds.count && Self.isTerminal(kinds[index + 1].kind) ? names[index + 2] : nil
            func target() -> String {
                if chance(15) { return names[below(names.count)] }
                return forward ?? names[below(names.count)]
            }
            func transition() -> String {
                guard let forward else { return "\"End\": true" }
                return "\"Next\": \"\(forward)\""
            }
            func catchers() -> String {
                guard past != nil || chance(40), names.count > 1 else { return "" }
                let errors = chance(50) ? "\"States.ALL\"" : "\"States.Timeout\", \"Custom.Error\""
                return ", \"Catch\": [{\"ErrorEquals\": [\(errors)], \"Next\": \"\(past ?? names[below(names.count)])\"}]"
            }
            func retriers() -> String {
                chance(30) ? ", \"Retry\": [{\"ErrorEquals\": [\"States.TaskFailed\"], \"MaxAttempts\": \(1 + below(4))}]" : ""
            }
            let body: String
            switch entry.kind {
            case 0..<6 where entry.childBudget > 0:
                var branches: [String] = []
                var left = entry.childBudget
                let count = min(left, 1 + below(3))
                for branch in 0..<count {
                    let share = branch == count - 1 ? left : max(1, left / (count - branch))
                    left -= share
                    branches.append("{" + graph(budget: share) + "}")
                }
                body = "\"Type\": \"Parallel\", \"Branches\": [\(branches.joined(separator: ", "))]"
                    + retriers() + catchers() + ", " + transition()
            case 0..<12 where entry.childBudget > 0:
                let concurrency = chance(50) ? ", \"MaxConcurrency\": \(below(10))" : ""
                let mode = chance(30) ? "\"ProcessorConfig\": {\"Mode\": \"DISTRIBUTED\"}, " : ""
                body = "\"Type\": \"Map\"\(concurrency), \"ItemProcessor\": {\(mode)" + graph(budget: entry.childBudget)
                    + "}" + retriers() + catchers() + ", " + transition()
            case 12..<30 where !isLast:
                var rules: [String] = []
                for rule in 0..<(1 + below(3)) {
                    let next = rule == 0 ? (forward ?? target()) : target()
                    rules.append("{\"Variable\": \"$.n\", \"NumericGreaterThan\": \(below(100)), \"Next\": \"\(next)\"}")
                }
                if let past {
                    rules.append("{\"Variable\": \"$.n\", \"NumericLessThan\": \(below(100)), \"Next\": \"\(past)\"}")
                }
                let fallback = chance(70) ? ", \"Default\": \"\(target())\"" : ""
                body = "\"Type\": \"Choice\", \"Choices\": [\(rules.joined(separator: ", "))]" + fallback
            case 30..<55:
                body = "\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\"" + retriers() + catchers()
                    + ", " + transition()
            case 55..<62:
                body = "\"Type\": \"Wait\", \"Seconds\": \(below(600)), " + transition()
            case 62..<66 where !isLast:
                body = "\"Type\": \"Fail\", \"Error\": \"E\(below(5))\""
            case 66..<70:
                body = "\"Type\": \"Succeed\""
            default:
                body = "\"Type\": \"Pass\", " + transition()
            }
            states.append("\"\(names[index])\": {\(body)}")
        }
        return "\"StartAt\": \"\(names[0])\", \"States\": {\(states.joined(separator: ", "))}"
    }

    /// Fail and Succeed: nothing follows them.
    private static func isTerminal(_ kind: Int) -> Bool { (62..<70).contains(kind) }

    /// Whether a state of this kind can jump past the next one: a Choice (never last here), a Task,
    /// or a Parallel or Map with states inside.
    private static func canBranch(_ entry: (kind: Int, childBudget: Int)) -> Bool {
        (12..<55).contains(entry.kind) || (entry.kind < 12 && entry.childBudget > 0)
    }

    private mutating func nextName() -> String {
        defer { counter += 1 }
        // Names of varied length, so boxes differ in width.
        return "S\(counter)" + String(repeating: "x", count: below(12))
    }
}
