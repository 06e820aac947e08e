/// How ``JSONValue`` is written as text.
public struct JSONWritingOptions: Sendable, Hashable {
    /// Spaces per nesting level; `nil` writes compact JSON on one line.
    public var indent: Int?
    /// Whether object keys are written in sorted order instead of insertion order.
    public var sortsKeys: Bool

    /// Creates writing options.
    public init(indent: Int? = nil, sortsKeys: Bool = false) {
        self.indent = indent
        self.sortsKeys = sortsKeys
    }

    /// Compact JSON on one line, keys in insertion order (as Step Functions prints payloads).
    public static let compact = JSONWritingOptions()
    /// Two-space indented JSON, keys in insertion order.
    public static let pretty = JSONWritingOptions(indent: 2)
}

extension JSONValue {
    /// The value as JSON text.
    ///
    /// ```swift
    /// let value: JSONValue = ["a": [1, 2.5, "x"]]
    /// value.jsonString()                  // {"a":[1,2.5,"x"]}
    /// value.jsonString(options: .pretty)  // indented
    /// ```
    public func jsonString(options: JSONWritingOptions = .compact) -> String {
        var writer = JSONWriter(options: options)
        writer.write(self, level: 0)
        return String(decoding: writer.output, as: UTF8.self)
    }

    /// The value as UTF-8 encoded JSON.
    public func jsonBytes(options: JSONWritingOptions = .compact) -> [UInt8] {
        var writer = JSONWriter(options: options)
        writer.write(self, level: 0)
        return writer.output
    }

    /// Appends the value's compact UTF-8 JSON to `bytes` (no array of its own is made, for writers
    /// that put many values into one buffer).
    public func appendJSONBytes(to bytes: inout [UInt8]) {
        var writer = JSONWriter(reusing: bytes)
        bytes = []
        writer.write(self, level: 0)
        bytes = writer.output
    }

    /// The compact byte count, or `nil` when the value nests deeper than `maximumDepth` levels.
    ///
    /// Run-time payloads are checked with this before anything recurses through them, so a workflow
    /// that nests a value deeper on every loop fails cleanly instead of exhausting the stack.
    public func compactByteCount(maximumDepth: Int) -> Int? {
        switch self {
        case .array(let elements):
            guard maximumDepth > 0 else { return nil }
            var total = 2 + max(0, elements.count - 1)
            for element in elements {
                guard let size = element.compactByteCount(maximumDepth: maximumDepth - 1) else { return nil }
                total += size
            }
            return total
        case .object(let object):
            guard maximumDepth > 0 else { return nil }
            var total = 2 + max(0, object.count - 1)
            for (key, value) in object {
                guard let size = value.compactByteCount(maximumDepth: maximumDepth - 1) else { return nil }
                total += JSONWriter.escapedByteCount(key) + 1 + size
            }
            return total
        default:
            return compactByteCount
        }
    }

    /// The number of UTF-8 bytes of the compact JSON form, computed without building it.
    ///
    /// Step Functions limits payloads by this size (256 KiB).
    public var compactByteCount: Int {
        switch self {
        case .null: return 4
        case .bool(let b): return b ? 4 : 5
        case .number(.integer(let i)):
            // Digits counted arithmetically: this runs on every state output.
            var count = i < 0 ? 2 : 1
            var rest = i.magnitude / 10
            while rest > 0 {
                count += 1
                rest /= 10
            }
            return count
        case .number(let n): return n.description.utf8.count
        case .string(let s): return JSONWriter.escapedByteCount(s)
        case .array(let elements):
            var total = 2 + max(0, elements.count - 1)
            for element in elements { total += element.compactByteCount }
            return total
        case .object(let object):
            var total = 2 + max(0, object.count - 1)
            for (key, value) in object { total += JSONWriter.escapedByteCount(key) + 1 + value.compactByteCount }
            return total
        }
    }
}

extension JSONValue: CustomStringConvertible {
    /// The compact JSON text of the value.
    public var description: String { jsonString() }
}

struct JSONWriter {
    let options: JSONWritingOptions
    var output: [UInt8] = []

    init(options: JSONWritingOptions) {
        self.options = options
        output.reserveCapacity(64)
    }

    /// A compact writer that appends to `output`.
    init(reusing output: [UInt8]) {
        options = .compact
        self.output = output
    }

    mutating func write(_ value: JSONValue, level: Int) {
        switch value {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let b): output.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(.integer(let n)): writeInteger(n)
        case .number(let n): output.append(contentsOf: n.description.utf8)
        case .string(let s): writeString(s)
        case .array(let elements):
            if elements.isEmpty {
                output.append(contentsOf: "[]".utf8)
                return
            }
            output.append(UInt8(ascii: "["))
            for (i, element) in elements.enumerated() {
                if i > 0 { output.append(UInt8(ascii: ",")) }
                newline(level + 1)
                write(element, level: level + 1)
            }
            newline(level)
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            if object.isEmpty {
                output.append(contentsOf: "{}".utf8)
                return
            }
            output.append(UInt8(ascii: "{"))
            // Values are taken by position, not looked up by key.
            if options.sortsKeys {
                let order = object.keyStorage.indices.sorted { object.keyStorage[$0] < object.keyStorage[$1] }
                for (i, position) in order.enumerated() { writeMember(object, at: position, isFirst: i == 0, level: level) }
            } else {
                for position in object.keyStorage.indices {
                    writeMember(object, at: position, isFirst: position == 0, level: level)
                }
            }
            newline(level)
            output.append(UInt8(ascii: "}"))
        }
    }

    private mutating func writeMember(_ object: JSONObject, at position: Int, isFirst: Bool, level: Int) {
        if !isFirst { output.append(UInt8(ascii: ",")) }
        newline(level + 1)
        writeString(object.keyStorage[position])
        output.append(UInt8(ascii: ":"))
        if options.indent != nil { output.append(UInt8(ascii: " ")) }
        write(object.valueStorage[position], level: level + 1)
    }

    /// Decimal digits straight into the output (no String per number).
    private mutating func writeInteger(_ value: Int64) {
        if value < 0 { output.append(UInt8(ascii: "-")) }
        var rest = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { buffer in
            var start = buffer.count
            repeat {
                start -= 1
                buffer[start] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            } while rest > 0
            let digits = buffer.bindMemory(to: UInt8.self)
            output.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }

    private mutating func newline(_ level: Int) {
        guard let indent = options.indent else { return }
        output.append(UInt8(ascii: "\n"))
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * level))
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    mutating func writeString(_ string: String) {
        output.append(UInt8(ascii: "\""))
        var text = string
        text.withUTF8 { bytes in
            // Runs of bytes that need no escape are copied at once.
            var start = 0
            for index in 0..<bytes.count {
                let byte = bytes[index]
                if byte >= 0x20, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") { continue }
                if index > start { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index])) }
                writeEscape(byte)
                start = index + 1
            }
            if start < bytes.count { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...])) }
        }
        output.append(UInt8(ascii: "\""))
    }

    /// The escape sequence of a byte that JSON strings may not hold as it is.
    private mutating func writeEscape(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): output.append(contentsOf: [0x5C, 0x22])
        case UInt8(ascii: "\\"): output.append(contentsOf: [0x5C, 0x5C])
        case 0x0A: output.append(contentsOf: [0x5C, UInt8(ascii: "n")])
        case 0x0D: output.append(contentsOf: [0x5C, UInt8(ascii: "r")])
        case 0x09: output.append(contentsOf: [0x5C, UInt8(ascii: "t")])
        case 0x08: output.append(contentsOf: [0x5C, UInt8(ascii: "b")])
        case 0x0C: output.append(contentsOf: [0x5C, UInt8(ascii: "f")])
        default:
            output.append(contentsOf: "\\u00".utf8)
            output.append(JSONWriter.hexDigits[Int(byte >> 4)])
            output.append(JSONWriter.hexDigits[Int(byte & 0xF)])
        }
    }

    static func escapedByteCount(_ string: String) -> Int {
        var total = 2
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), 0x0A, 0x0D, 0x09, 0x08, 0x0C: total += 2
            case 0..<0x20: total += 6
            default: total += 1
            }
        }
        return total
    }
}
