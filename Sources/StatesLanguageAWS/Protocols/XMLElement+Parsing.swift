extension XMLElement {
    /// Parses the root element of `bytes`, skipping the XML declaration, comments, processing
    /// instructions and a DOCTYPE; CDATA sections and character references are decoded.
    package init(parsing bytes: [UInt8]) throws(XMLSyntaxError) {
        var reader = XMLReader(bytes: bytes)
        self = try reader.document()
    }
}

/// A small recursive-descent reader for the XML AWS services send (no DTDs, no entities
/// beyond the predefined ones).
private struct XMLReader {
    let bytes: [UInt8]
    var index = 0
    /// Elements open around the current position.
    var depth = 0
    /// Deeper nesting is refused, as the JSON parser refuses it, so reading never exhausts the stack.
    static let maximumDepth = 512

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func document() throws(XMLSyntaxError) -> XMLElement {
        skipMisc()
        guard peek(is: "<") else { throw error("expected the root element") }
        return try element()
    }

    func error(_ message: String) -> XMLSyntaxError { XMLSyntaxError(message: message, offset: index) }

    func peek(is text: String) -> Bool {
        let utf8 = Array(text.utf8)
        guard index + utf8.count <= bytes.count else { return false }
        return Array(bytes[index..<(index + utf8.count)]) == utf8
    }

    mutating func skip(past text: String) throws(XMLSyntaxError) {
        let utf8 = Array(text.utf8)
        while index + utf8.count <= bytes.count {
            if Array(bytes[index..<(index + utf8.count)]) == utf8 {
                index += utf8.count
                return
            }
            index += 1
        }
        throw error("unterminated construct, expected '\(text)'")
    }

    mutating func skipWhitespace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    /// Skips whitespace, comments, processing instructions and DOCTYPE between elements.
    mutating func skipMisc() {
        while true {
            skipWhitespace()
            if peek(is: "<?") {
                guard (try? skip(past: "?>")) != nil else { return }
            } else if peek(is: "<!--") {
                guard (try? skip(past: "-->")) != nil else { return }
            } else if peek(is: "<!DOCTYPE") {
                guard (try? skip(past: ">")) != nil else { return }
            } else {
                return
            }
        }
    }

    mutating func name() throws(XMLSyntaxError) -> String {
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if [0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ">"), UInt8(ascii: "/"), UInt8(ascii: "=")].contains(byte) {
                break
            }
            index += 1
        }
        guard index > start else { throw error("expected a name") }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    mutating func element() throws(XMLSyntaxError) -> XMLElement {
        depth += 1
        defer { depth -= 1 }
        if depth > XMLReader.maximumDepth { throw error("elements nest deeper than \(XMLReader.maximumDepth) levels") }
        index += 1  // <
        let qualified = try name()
        var element = XMLElement(name: qualified.split(separator: ":").last.map(String.init) ?? qualified)
        while true {
            skipWhitespace()
            guard index < bytes.count else { throw error("unterminated start tag <\(qualified)>") }
            if peek(is: "/>") {
                index += 2
                return element
            }
            if peek(is: ">") {
                index += 1
                break
            }
            let attribute = try name()
            skipWhitespace()
            guard peek(is: "=") else { throw error("expected '=' after attribute \(attribute)") }
            index += 1
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else {
                throw error("expected a quoted value for attribute \(attribute)")
            }
            let quote = bytes[index]
            index += 1
            let start = index
            while index < bytes.count, bytes[index] != quote { index += 1 }
            guard index < bytes.count else { throw error("unterminated attribute \(attribute)") }
            element.attributes[attribute] = try decodeEntities(bytes[start..<index])
            index += 1
        }
        var text = ""
        var pending: [UInt8] = []  // character data not yet entity-decoded
        while true {
            guard index < bytes.count else { throw error("unterminated element <\(qualified)>") }
            if peek(is: "</") {
                index += 2
                let closing = try name()
                guard closing == qualified else { throw error("</\(closing)> closes <\(qualified)>") }
                skipWhitespace()
                guard peek(is: ">") else { throw error("expected '>' after </\(closing)") }
                index += 1
                element.text = text + (try decodeEntities(pending[...]))
                return element
            } else if peek(is: "<![CDATA[") {
                index += 9
                let start = index
                try skip(past: "]]>")
                text += try decodeEntities(pending[...])
                pending.removeAll()
                text += String(decoding: bytes[start..<(index - 3)], as: UTF8.self)  // CDATA is literal
            } else if peek(is: "<!--") {
                try skip(past: "-->")
            } else if peek(is: "<?") {
                try skip(past: "?>")
            } else if peek(is: "<") {
                element.children.append(try self.element())
            } else {
                pending.append(bytes[index])
                index += 1
            }
        }
    }

    func decodeEntities(_ raw: ArraySlice<UInt8>) throws(XMLSyntaxError) -> String {
        guard raw.contains(UInt8(ascii: "&")) else { return String(decoding: raw, as: UTF8.self) }
        var out: [UInt8] = []
        var i = raw.startIndex
        while i < raw.endIndex {
            guard raw[i] == UInt8(ascii: "&"), let semicolon = raw[i...].firstIndex(of: UInt8(ascii: ";")) else {
                out.append(raw[i])
                i += 1
                continue
            }
            let entity = String(decoding: raw[(i + 1)..<semicolon], as: UTF8.self)
            var scalar: Unicode.Scalar?
            switch entity {
            case "amp": scalar = "&"
            case "lt": scalar = "<"
            case "gt": scalar = ">"
            case "quot": scalar = "\""
            case "apos": scalar = "'"
            default:
                if entity.hasPrefix("#x") || entity.hasPrefix("#X") {
                    scalar = UInt32(entity.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
                } else if entity.hasPrefix("#") {
                    scalar = UInt32(entity.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init)
                }
            }
            guard let scalar else { throw error("unknown entity &\(entity);") }
            out.append(contentsOf: Array(String(Character(scalar)).utf8))
            i = semicolon + 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
