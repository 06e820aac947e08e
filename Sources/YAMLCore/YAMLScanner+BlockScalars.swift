/// Literal (`|`) and folded (`>`) block scalars, with chomping and indentation indicators.
extension YAMLScanner {
    /// Scans a block scalar from its header to the first line indented less than its content.
    mutating func scanBlockScalar(isLiteral: Bool) throws(YAMLError) -> String {
        let start = index
        advance()
        var chomping = 0  // -1 strip ('-'), 0 clip, +1 keep ('+')
        var increment = 0
        func readChomping(_ scanner: inout YAMLScanner) -> Bool {
            guard let c = scanner.byte(), c == UInt8(ascii: "+") || c == UInt8(ascii: "-") else { return false }
            chomping = c == UInt8(ascii: "+") ? 1 : -1
            scanner.advance()
            return true
        }
        func readIncrement(_ scanner: inout YAMLScanner) throws(YAMLError) {
            guard let c = scanner.byte(), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c) else { return }
            guard c != UInt8(ascii: "0") else {
                throw scanner.error("a block scalar's indentation indicator must be between 1 and 9")
            }
            increment = Int(c - UInt8(ascii: "0"))
            scanner.advance()
        }
        if readChomping(&self) {
            try readIncrement(&self)
        } else {
            try readIncrement(&self)
            _ = readChomping(&self)
        }
        var sawBlank = false
        while let c = byte(), isBlank(c) {
            advance()
            sawBlank = true
        }
        if byte() == UInt8(ascii: "#") {
            guard sawBlank else { throw error("a comment needs white space before '#'") }
            while let c = byte(), !isBreak(c) { try advanceContent() }
        }
        if let c = byte() {
            guard isBreak(c) else { throw error("unexpected \(describeCurrent()) after the block scalar indicator") }
            skipBreak()
        }

        var contentIndent: Int? = increment == 0 ? nil : max(indent, 0) + increment
        var bytes: [UInt8] = []
        var leadingBreak = false
        var trailingBreaks = 0
        var leadingBlank = false
        try scanBlockBreaks(indent: &contentIndent, breaks: &trailingBreaks, start: start)
        while column == contentIndent, let c = byte(), !(column == 0 && isDocumentMarker()) {
            let trailingBlank = isBlank(c)
            if !isLiteral, leadingBreak, !leadingBlank, !trailingBlank {
                // A line break between two lines of text folds into a space, unless empty lines separate them.
                if trailingBreaks == 0 { bytes.append(UInt8(ascii: " ")) }
            } else if leadingBreak {
                bytes.append(UInt8(ascii: "\n"))
            }
            leadingBreak = false
            bytes.append(contentsOf: repeatElement(UInt8(ascii: "\n"), count: trailingBreaks))
            trailingBreaks = 0
            leadingBlank = isBlank(c)
            while let c = byte(), !isBreak(c) {
                bytes.append(c)
                try advanceContent()
            }
            // The end of the text ends the last line as a line break would.
            leadingBreak = true
            guard byte() != nil else { break }
            skipBreak()
            try scanBlockBreaks(indent: &contentIndent, breaks: &trailingBreaks, start: start)
        }
        if chomping != -1, leadingBreak { bytes.append(UInt8(ascii: "\n")) }
        if chomping == 1 { bytes.append(contentsOf: repeatElement(UInt8(ascii: "\n"), count: trailingBreaks)) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Skips the indentation of the following lines, counting the empty ones; when the content's
    /// indentation is not known yet (`nil`), the first non-empty line sets it.
    private mutating func scanBlockBreaks(indent contentIndent: inout Int?, breaks: inout Int, start: Int) throws(YAMLError) {
        var emptyLineIndent = 0
        let minimum = indent + 1
        while true {
            while contentIndent.map({ column < $0 }) ?? true, byte() == UInt8(ascii: " ") { advance() }
            if byte() == UInt8(ascii: "\t"), contentIndent.map({ column < $0 }) ?? true {
                // Past the minimum indentation, a tab on the first line is its first character of content.
                if contentIndent == nil, column >= minimum { break }
                throw error("a tab character cannot indent a block scalar's content")
            }
            guard let c = byte() else {
                // Spaces on a last line with no line break still make an (empty) line.
                if index > lineStart, lineStart > start {
                    emptyLineIndent = max(emptyLineIndent, column)
                    breaks += 1
                }
                break
            }
            guard isBreak(c) else { break }
            emptyLineIndent = max(emptyLineIndent, column)
            skipBreak()
            breaks += 1
        }
        guard contentIndent == nil else { return }
        let firstIndent = column
        if byte() != nil, firstIndent > indent, emptyLineIndent > firstIndent {
            throw error("a leading empty line of this block scalar has more spaces than its first line of text", at: start)
        }
        contentIndent = max(firstIndent, emptyLineIndent, minimum)
        if byte() == nil || firstIndent < minimum { contentIndent = max(emptyLineIndent, minimum) }
    }
}
