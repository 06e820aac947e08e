import JSONCore
import Testing

@testable import JSONata

/// Memory is given back after an evaluation: a function bound to a variable refers to the frame
/// that holds it, and that cycle must not outlive the evaluation (a server evaluates millions).
@Suite("JSONata memory")
struct JSONataMemoryTests {
    /// Weak references to the frames an evaluation bound variables in, after it has ended.
    static func framesLeftAfter(_ text: String) throws -> [Frame?] {
        final class Box { weak var frame: Frame? }
        let expression = try JSONataExpression(text)
        var boxes: [Box] = []
        do {
            let evaluator = Evaluator(environment: .init(), stackLimit: 0)
            defer { evaluator.releaseFrames() }
            _ = try evaluator.evaluateRoot(expression.ast, .number(1), bindings: [:])
            for frame in evaluator.assignedFrames {
                let box = Box()
                box.frame = frame
                boxes.append(box)
            }
        }
        return boxes.map(\.frame)
    }

    @Test(
        "Frames that hold functions are freed when the evaluation ends",
        arguments: [
            "($f := function($x) { $x + 1 }; $f(2))",
            "($o := {'f': function($x) { $x }}; $o.f(3))",
            "($fact := function($n) { $n <= 1 ? 1 : $n * $fact($n - 1) }; $fact(5))",
            "$map([1, 2], function($v) { ($g := function() { $v }; $g()) })",
        ])
    func cyclesBroken(text: String) throws {
        let frames = try Self.framesLeftAfter(text)
        #expect(!frames.isEmpty)
        #expect(frames.allSatisfy { $0 == nil })
    }
}
