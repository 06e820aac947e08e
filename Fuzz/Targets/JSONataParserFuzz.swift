// libFuzzer target: the JSONata parser.
import JSONata

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONataParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        _ = try JSONataExpression(text)
    } catch {
        if error.code.isEmpty { fatalError("a JSONata error without a code") }
    }
    return 0
}
