// libFuzzer target: the JSON parser (JSONCore), with and without a source map.
import JSONCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let value = try? JSONValue(parsing: bytes) {
        // What parses must write and read back to the same value.
        let again = try? JSONValue(parsing: value.jsonBytes())
        if again != value { fatalError("JSON round trip changed \(value.jsonString())") }
    }
    _ = try? JSONValue.parseWithSourceMap(String(decoding: bytes, as: UTF8.self))
    return 0
}
