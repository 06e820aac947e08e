/// The canonical request: SigV4's byte-exact rewriting of a request that both sides compute.
extension SigV4Signer {
    /// Canonical header lines and the `;`-separated names they cover.
    struct CanonicalHeaders {
        var lines: String
        var signedNames: String
    }

    /// Headers that proxies and HTTP stacks add, drop or rewrite, so signing them would break.
    static let unsignedHeaderNames: Set<String> = [
        "authorization", "connection", "expect", "keep-alive", "proxy-authorization", "te", "trailer",
        "transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id",
    ]

    func canonicalRequest(for request: HTTPRequestParts, headers: CanonicalHeaders, payloadHash: String) -> String {
        [
            request.method.uppercased(),
            canonicalURI(path: request.path),
            canonicalQuery(request.query),
            headers.lines,
            headers.signedNames,
            payloadHash,
        ].joined(separator: "\n")
    }

    /// The path, URI-encoded. Other services normalise it (RFC 3986 dot segments, no empty
    /// segments) and encode the wire form again, so `%20` becomes `%2520`; S3 takes it encoded
    /// once (escapes kept, characters the URL left raw such as `$` encoded) and keeps `.`,
    /// `..` and `//`, which are object key characters.
    func canonicalURI(path: String) -> String {
        if usesS3Rules {
            return PercentEncoding.completingEncoding(ofPath: path)
        }
        var segments: [Substring] = []
        let rawSegments = path.split(separator: "/", omittingEmptySubsequences: false)
        for segment in rawSegments {
            switch segment {
            case "", ".": continue
            case "..": _ = segments.popLast()
            default: segments.append(segment)
            }
        }
        guard !segments.isEmpty else { return "/" }
        let endsWithSlash = path.hasSuffix("/") || rawSegments.last == "." || rawSegments.last == ".."
        let normalized = "/" + segments.joined(separator: "/") + (endsWithSlash ? "/" : "")
        return PercentEncoding.encode(normalized, keepsSlash: true)
    }

    /// The query parameters decoded, re-encoded (RFC 3986, upper-case hex) and sorted by name,
    /// then value; a parameter without `=` gets an empty value (`?lifecycle` → `lifecycle=`).
    func canonicalQuery(_ query: String) -> String {
        let parameters = query.split(separator: "&").map { pair -> (name: String, value: String) in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = PercentEncoding.encode(bytes: PercentEncoding.decode(parts[0]))
            let value = parts.count > 1 ? PercentEncoding.encode(bytes: PercentEncoding.decode(parts[1])) : ""
            return (name, value)
        }
        // Encoded text is ASCII, so comparing UTF-8 bytes is AWS's byte order.
        return parameters.sorted { left, right in
            left.name != right.name
                ? left.name.utf8.lexicographicallyPrecedes(right.name.utf8)
                : left.value.utf8.lexicographicallyPrecedes(right.value.utf8)
        }
        .map { "\($0.name)=\($0.value)" }
        .joined(separator: "&")
    }

    /// Lower-case names sorted, values trimmed with inner runs of spaces collapsed, repeated
    /// names joined into one line with their values comma-separated in request order.
    func canonicalHeaders(of request: HTTPRequestParts) -> CanonicalHeaders {
        var valuesByName: [String: [String]] = [:]
        for header in request.headers {
            let name = header.name.trimmingWhitespace().lowercased()
            guard !Self.unsignedHeaderNames.contains(name) else { continue }
            valuesByName[name, default: []].append(header.value.collapsingWhitespace())
        }
        let names = valuesByName.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var lines = ""
        for name in names {
            lines += "\(name):\(valuesByName[name, default: []].joined(separator: ","))\n"
        }
        return CanonicalHeaders(lines: lines, signedNames: names.joined(separator: ";"))
    }
}

extension String {
    fileprivate func trimmingWhitespace() -> String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let start = firstIndex(where: { !isBlank($0) }), let end = lastIndex(where: { !isBlank($0) }) else {
            return ""
        }
        return String(self[start...end])
    }

    /// Trimmed, each run of spaces and tabs inside replaced by one space.
    fileprivate func collapsingWhitespace() -> String {
        split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }
}
