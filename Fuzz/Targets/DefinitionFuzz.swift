// libFuzzer target: the definition reader (JSON text to a validated StateMachine).
import StatesLanguage

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDefinition(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        _ = try StateMachine(parsing: text)
    } catch {
        // Every refusal must say something.
        if error.description.isEmpty { fatalError("a definition error without a message") }
    }
    return 0
}
