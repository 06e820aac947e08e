/// Turns an object's bytes, fed chunk by chunk, into Map items: a JSON array's elements, JSON
/// Lines, or CSV rows as objects. Only the item being read is buffered, never the object.
struct ItemDecoder {
    /// What the bytes hold.
    enum Format {
        case jsonArray
        case jsonLines
        case csv(headers: ItemReader.CSVHeaders, delimiter: UInt8)
    }

    /// AWS's limit on one item: 256 KiB.
    static let itemLimit = 262_144

    let format: Format
    /// The object, for causes.
    let objectName: String
    private var buffer: [UInt8] = []
    // JSON array scanning.
    private var started = false
    private var finishedArray = false
    private var depth = 0
    private var inString = false
    private var escaped = false
    // CSV scanning.
    private var headers: [String]?
    private var fields: [String] = []
    private var quoted = false
    private var fieldWasQuoted = false
    private var pendingQuote = false
    private var row = 0
    /// 1-based line of the item being read (JSON Lines and CSV).
    private var line = 1

    init(format: Format, objectName: String) throws(StatesError) {
        self.format = format
        self.objectName = objectName
        if case .csv(.given(let names), _) = format {
            guard Set(names).count == names.count else {
                throw StatesError(.itemReaderFailed, cause: "CSV headers cannot contain duplicates.")
            }
            headers = names
        }
    }

    /// Reads a chunk, returning the items it completed.
    mutating func feed(_ bytes: [UInt8]) throws(StatesError) -> [JSONValue] {
        var items: [JSONValue] = []
        switch format {
        case .jsonArray: for byte in bytes { try scanJSON(byte, into: &items) }
        case .jsonLines: for byte in bytes { try scanLine(byte, into: &items) }
        case .csv(_, let delimiter): for byte in bytes { try scanCSV(byte, delimiter: delimiter, into: &items) }
        }
        return items
    }

    /// Ends the object, returning the last item if one was pending.
    mutating func finish() throws(StatesError) -> [JSONValue] {
        var items: [JSONValue] = []
        switch format {
        case .jsonArray:
            guard started, finishedArray else {
                throw failure(started ? "the JSON array is not closed" : "Attempting to map over non-iterable node.")
            }
        case .jsonLines:
            try scanLine(UInt8(ascii: "\n"), into: &items)
        case .csv(_, let delimiter):
            if quoted { throw failure("row \(row + 1) has an unterminated quoted field") }
            if !buffer.isEmpty || !fields.isEmpty || pendingQuote {
                try scanCSV(UInt8(ascii: "\n"), delimiter: delimiter, into: &items)
            }
        }
        return items
    }

    private func failure(_ message: String) -> StatesError {
        StatesError(.itemReaderFailed, cause: message == "Attempting to map over non-iterable node." ? message : "\(objectName): \(message)")
    }

    private mutating func append(_ byte: UInt8) throws(StatesError) {
        buffer.append(byte)
        if buffer.count > ItemDecoder.itemLimit {
            throw failure("an item at line \(line) is larger than \(ItemDecoder.itemLimit) bytes, the limit for one item")
        }
    }

    private func parse(_ bytes: [UInt8], what: String) throws(StatesError) -> JSONValue {
        do {
            return try JSONValue(parsing: bytes)
        } catch {
            throw failure("\(what) is not valid JSON: \(error.message) (byte \(error.offset + 1) of the item)")
        }
    }

    private mutating func scanJSON(_ byte: UInt8, into items: inout [JSONValue]) throws(StatesError) {
        let isSpace = byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
        if byte == 0x0A { line += 1 }
        guard started else {
            if isSpace { return }
            guard byte == UInt8(ascii: "[") else { throw failure("Attempting to map over non-iterable node.") }
            started = true
            return
        }
        if finishedArray {
            if !isSpace { throw failure("unexpected text after the JSON array at line \(line)") }
            return
        }
        if inString {
            try append(byte)
            if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
            return
        }
        switch byte {
        case UInt8(ascii: "\""):
            inString = true
            try append(byte)
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            depth += 1
            try append(byte)
        case UInt8(ascii: "]") where depth == 0, UInt8(ascii: ",") where depth == 0:
            let element = buffer
            buffer.removeAll(keepingCapacity: true)
            let blank = element.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
            if byte == UInt8(ascii: "]") {
                finishedArray = true
                if blank { return }
            } else if blank {
                throw failure("an empty array element at line \(line)")
            }
            items.append(try parse(element, what: "the array element \(row + 1) (line \(line))"))
            row += 1
        case UInt8(ascii: "]"), UInt8(ascii: "}"):
            depth -= 1
            try append(byte)
        default:
            try append(byte)
        }
    }

    private mutating func scanLine(_ byte: UInt8, into items: inout [JSONValue]) throws(StatesError) {
        guard byte == 0x0A else {
            try append(byte)
            return
        }
        defer { line += 1 }
        let text = buffer.last == 0x0D ? Array(buffer.dropLast()) : buffer
        buffer.removeAll(keepingCapacity: true)
        guard !text.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) else { return }
        items.append(try parse(text, what: "line \(line)"))
    }

    private mutating func scanCSV(_ byte: UInt8, delimiter: UInt8, into items: inout [JSONValue]) throws(StatesError) {
        let quote = UInt8(ascii: "\"")
        if quoted {
            if byte == quote {
                quoted = false
                pendingQuote = true
            } else {
                if byte == 0x0A { line += 1 }
                try append(byte)
            }
            return
        }
        if pendingQuote {
            pendingQuote = false
            if byte == quote {
                // "" inside a quoted field: a literal quote.
                quoted = true
                try append(byte)
                return
            }
        }
        switch byte {
        case quote where buffer.isEmpty && !fieldWasQuoted:
            quoted = true
            fieldWasQuoted = true
        case delimiter:
            try endField()
        case 0x0A:
            if buffer.last == 0x0D, !fieldWasQuoted { buffer.removeLast() }
            try endField()
            let values = fields
            fields.removeAll(keepingCapacity: true)
            line += 1
            if values.count == 1, values[0].isEmpty { return }
            try endRow(values, into: &items)
        default:
            if byte == 0x0D, fieldWasQuoted { return }
            try append(byte)
        }
    }

    /// Ends a CSV field. Its bytes must be UTF-8: a field is refused rather than having its bad
    /// bytes replaced, so that no item reaches a child altered.
    private mutating func endField() throws(StatesError) {
        guard let text = String(validating: buffer, as: UTF8.self) else {
            let index = Self.firstInvalidUTF8(in: buffer) ?? 0
            let what = headers == nil ? "the header row" : "row \(row + 1)"
            throw failure(
                "\(what) (line \(line)), field \(fields.count + 1) is not valid UTF-8: byte 0x\(Self.hex(buffer[index])) at byte \(index + 1) of the field")
        }
        fields.append(text)
        buffer.removeAll(keepingCapacity: true)
        fieldWasQuoted = false
    }

    /// The index of the first byte that does not belong to a well-formed UTF-8 sequence.
    static func firstInvalidUTF8(in bytes: [UInt8]) -> Int? {
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var index = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): index += scalar.count
            case .error: return index
            case .emptyInput: return nil
            }
        }
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
    }

    private mutating func endRow(_ values: [String], into items: inout [JSONValue]) throws(StatesError) {
        guard let headers else {
            guard Set(values).count == values.count else {
                throw StatesError(.itemReaderFailed, cause: "CSV headers cannot contain duplicates.")
            }
            headers = values
            return
        }
        row += 1
        // Extra fields beyond the headers are dropped (recorded: csv_headers_decl_extra_fields).
        guard values.count >= headers.count else {
            throw failure(
                "row \(row) (line \(line - 1)) has \(values.count) fields but there are \(headers.count) headers")
        }
        var object = JSONObject()
        for (name, value) in zip(headers, values) { object[name] = .string(value) }
        items.append(.object(object))
    }
}
