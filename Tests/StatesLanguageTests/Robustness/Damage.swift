@testable import StatesLanguage

/// Random damage to a text, for robustness tests: one to four deletions, insertions of
/// `fragments`, or cut runs, drawn from a seeded generator so failures reproduce.
enum Damage {
    static func apply(to bytes: [UInt8], fragments: [String], using generator: inout SplitMix64) -> String {
        var text = bytes
        for _ in 0..<Int.random(in: 1...4, using: &generator) {
            let position = Int.random(in: 0..<text.count, using: &generator)
            switch Int.random(in: 0..<3, using: &generator) {
            case 0: text.remove(at: position)
            case 1: text.insert(contentsOf: Array(fragments.randomElement(using: &generator)!.utf8), at: position)
            default:
                let end = min(text.count, position + Int.random(in: 1...12, using: &generator))
                text.removeSubrange(position..<end)
            }
        }
        return String(decoding: text, as: UTF8.self)
    }
}
