// libFuzzer target: JSONPath and reference paths, parsed and applied to a small document
// (`value(in:maximumNodes:)` is package API: scripts/fuzz.sh passes SwiftPM's -package-name).
import JSONCore
import StatesLanguage

private let document: JSONValue = [
    "a": [1, 2, ["b": "c", "d": [true, nil, 3.5]]], "e": ["f": ["g": "h"]], "list": [["x": 1], ["x": 2], ["y": 3]],
    "s": "text", "n": -7,
]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONPath(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    // A small node limit: inputs that multiply reach it in well under a millisecond.
    if let path = try? JSONPath(text) { _ = try? path.value(in: document, maximumNodes: 10_000) }
    _ = try? ReferencePath(text)
    return 0
}
