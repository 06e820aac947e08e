// libFuzzer target: the mock-configuration reader.
import StatesLanguageTesting

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMockConfig(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        _ = try MockConfiguration(parsing: text)
    } catch {
        if error.diagnostics.isEmpty { fatalError("a mock-configuration error without diagnostics") }
    }
    return 0
}
