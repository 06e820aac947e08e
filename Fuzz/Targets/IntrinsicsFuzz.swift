// libFuzzer target: intrinsic function calls, parsed and evaluated against a small input
// (PathEnvironment and evaluate are package API: scripts/fuzz.sh passes SwiftPM's -package-name).
import JSONCore
import StatesLanguage

private let environment = PathEnvironment(
    input: ["a": [1, 2, 3], "s": "a,b,c", "n": 4, "o": ["k": "v"], "b64": "aGk="], context: ["Execution": ["Id": "x"]])

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIntrinsics(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let call = try? IntrinsicCall(parsing: text) else { return 0 }
    _ = try? call.evaluate(in: environment)
    return 0
}
