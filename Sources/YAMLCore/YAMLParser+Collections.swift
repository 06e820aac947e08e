import JSONCore

/// Block and flow sequences and mappings.
extension YAMLParser {
    // MARK: - Block collections

    mutating func parseBlockMapping(at pointer: String) throws(YAMLError) -> JSONValue {
        try enterCollection(try scanner.next())
        var object = JSONObject()
        var keyOffsets: [String: Int] = [:]
        while true {
            var token = try scanner.peek()
            if case .blockEnd = token.kind {
                try scanner.next()
                break
            }
            guard case .key = token.kind else {
                if case .value = token.kind {
                    throw scanner.error(.unsupported(.nullKey), "a mapping key cannot be empty", at: token.offset)
                }
                throw misindented(token) ?? scanner.error(
                    "expected a mapping key or the end of the mapping, found \(token.description)", at: token.offset)
            }
            try scanner.next()
            token = try scanner.peek()
            if isEnd(of: .blockMapping, token) {
                throw scanner.error(.unsupported(.nullKey), "a mapping key cannot be empty", at: token.offset)
            }
            let (key, keyOffset) = try parseKey()
            let child = try addKey(key, at: keyOffset, in: pointer, offsets: &keyOffsets)
            object.appendUnchecked(try parseValue(at: child, ending: .blockMapping), forKey: key)
        }
        depth -= 1
        return .object(object)
    }

    mutating func parseBlockSequence(at pointer: String) throws(YAMLError) -> JSONValue {
        try enterCollection(try scanner.next())
        var array: [JSONValue] = []
        while true {
            let token = try scanner.peek()
            if case .blockEnd = token.kind {
                try scanner.next()
                break
            }
            guard case .blockEntry = token.kind else {
                throw misindented(token) ?? scanner.error(
                    "expected '- ' or the end of the sequence, found \(token.description)", at: token.offset)
            }
            array.append(try parseEntry(at: childPointer(pointer, index: array.count), ending: .blockSequence))
        }
        depth -= 1
        return .array(array)
    }

    /// `key:` followed by `- item` lines at the key's own indentation.
    mutating func parseIndentlessSequence(at pointer: String) throws(YAMLError) -> JSONValue {
        try enterCollection(try scanner.peek())
        var array: [JSONValue] = []
        while case .blockEntry = try scanner.peek().kind {
            array.append(try parseEntry(at: childPointer(pointer, index: array.count), ending: .indentlessSequence))
        }
        depth -= 1
        return .array(array)
    }

    /// After `-`: an entry, or null when the next token ends it.
    mutating func parseEntry(at pointer: String, ending context: Context) throws(YAMLError) -> JSONValue {
        let entry = try scanner.next()
        let token = try scanner.peek()
        guard !isEnd(of: context, token) else {
            recordValue(at: pointer, offset: entry.offset)
            nodeCount += 1
            return .null
        }
        return try parseNode(at: pointer)
    }

    // MARK: - Flow collections

    mutating func parseFlowSequence(at pointer: String) throws(YAMLError) -> JSONValue {
        try enterCollection(try scanner.next())
        var array: [JSONValue] = []
        while true {
            var token = try scanner.peek()
            if case .flowSequenceEnd = token.kind {
                try scanner.next()
                break
            }
            if !array.isEmpty {
                guard case .flowEntry = token.kind else {
                    throw scanner.error("expected ',' or ']', found \(token.description)", at: token.offset)
                }
                try scanner.next()
                token = try scanner.peek()
                if case .flowSequenceEnd = token.kind {
                    try scanner.next()
                    break
                }
            }
            let child = childPointer(pointer, index: array.count)
            switch token.kind {
            case .key:
                // `[key: value]`: a mapping of one pair.
                recordValue(at: child, offset: token.offset)
                try scanner.next()
                try enterCollection(token)
                token = try scanner.peek()
                if isEnd(of: .flowSequence, token) {
                    throw scanner.error(.unsupported(.nullKey), "a mapping key cannot be empty", at: token.offset)
                }
                let (key, keyOffset) = try parseKey()
                var offsets: [String: Int] = [:]
                let pairPointer = try addKey(key, at: keyOffset, in: child, offsets: &offsets)
                array.append(.object([key: try parseValue(at: pairPointer, ending: .flowSequence)]))
                depth -= 1
                nodeCount += 1
            case .value:
                throw scanner.error(.unsupported(.nullKey), "a mapping key cannot be empty", at: token.offset)
            default:
                array.append(try parseNode(at: child))
            }
        }
        depth -= 1
        return .array(array)
    }

    mutating func parseFlowMapping(at pointer: String) throws(YAMLError) -> JSONValue {
        try enterCollection(try scanner.next())
        var object = JSONObject()
        var keyOffsets: [String: Int] = [:]
        var isFirst = true
        while true {
            var token = try scanner.peek()
            if case .flowMappingEnd = token.kind {
                try scanner.next()
                break
            }
            if !isFirst {
                guard case .flowEntry = token.kind else {
                    throw scanner.error("expected ',' or '}', found \(token.description)", at: token.offset)
                }
                try scanner.next()
                token = try scanner.peek()
                if case .flowMappingEnd = token.kind {
                    try scanner.next()
                    break
                }
            }
            isFirst = false
            switch token.kind {
            case .key:
                try scanner.next()
                token = try scanner.peek()
                if isEnd(of: .flowMapping, token) {
                    throw scanner.error(.unsupported(.nullKey), "a mapping key cannot be empty", at: token.offset)
                }
            case .value:
                throw scanner.error(.unsupported(.nullKey), "a mapping key cannot be empty", at: token.offset)
            default:
                break
            }
            let (key, keyOffset) = try parseKey()
            let child = try addKey(key, at: keyOffset, in: pointer, offsets: &keyOffsets)
            object.appendUnchecked(try parseValue(at: child, ending: .flowMapping), forKey: key)
        }
        depth -= 1
        return .object(object)
    }
}
