/// Writes XML request bodies (rest-xml protocol) with escaped text and attributes.
package struct XMLWriter: Sendable {
    package private(set) var text = ""

    package init() {}

    package static func escape(_ value: String) -> String {
        var out = ""
        for character in value {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\r": out += "&#xD;"
            default: out.append(character)
            }
        }
        return out
    }

    package mutating func open(_ name: String, attributes: [(String, String)] = []) {
        text += "<\(name)"
        for (key, value) in attributes { text += " \(key)=\"\(Self.escape(value))\"" }
        text += ">"
    }

    package mutating func close(_ name: String) { text += "</\(name)>" }

    package mutating func characters(_ value: String) { text += Self.escape(value) }

    package mutating func element(_ name: String, text value: String) {
        open(name)
        characters(value)
        close(name)
    }
}
