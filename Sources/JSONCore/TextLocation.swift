/// A 1-based line and column in a text.
public struct TextLocation: Sendable, Hashable, CustomStringConvertible {
    /// The 1-based line.
    public var line: Int
    /// The 1-based column, counted in characters.
    public var column: Int

    /// Creates a location.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// `line:column`.
    public var description: String { "\(line):\(column)" }

    /// Computes the line and column of a UTF-8 byte offset in `bytes`.
    public init<C: Collection>(offset: Int, in bytes: C) where C.Element == UInt8 {
        var line = 1
        var column = 1
        var seen = 0
        for byte in bytes {
            if seen >= offset { break }
            seen += 1
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                // Count characters, not continuation bytes.
                column += 1
            }
        }
        self.init(line: line, column: column)
    }
}
