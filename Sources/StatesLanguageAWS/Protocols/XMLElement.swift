/// An element of an XML document as AWS responses use them: a name, attributes, child
/// elements and text. Mixed content keeps only the concatenated text.
package struct XMLElement: Sendable, Hashable {
    /// The element name without its namespace prefix.
    package var name: String
    /// The attributes, by name as written.
    package var attributes: [String: String]
    /// The child elements in order.
    package var children: [XMLElement]
    /// The text directly inside the element, entities decoded.
    package var text: String

    package init(name: String, attributes: [String: String] = [:], children: [XMLElement] = [], text: String = "") {
        self.name = name
        self.attributes = attributes
        self.children = children
        self.text = text
    }

    /// The first child named `name`.
    package func child(_ name: String) -> XMLElement? { children.first { $0.name == name } }

    /// The first element named `name` here or below, depth first.
    package func descendant(_ name: String) -> XMLElement? {
        if self.name == name { return self }
        for child in children {
            if let found = child.descendant(name) { return found }
        }
        return nil
    }
}

/// Why an XML document could not be read.
package struct XMLSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    package var message: String
    package var offset: Int
    package var description: String { "invalid XML at byte \(offset): \(message)" }
}
