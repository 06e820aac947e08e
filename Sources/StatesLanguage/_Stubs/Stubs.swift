import Foundation

// TEMPORARY stand-ins for the Paths/Intrinsics branch; deleted when it is merged.

public struct PathSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

public struct TemplateError: Error, Sendable, Hashable, CustomStringConvertible {
    public var problems: [(pointer: String, message: String)] { [("", message)] }
    public var message: String
    public var description: String { message }
    public static func == (a: TemplateError, b: TemplateError) -> Bool { a.message == b.message }
    public func hash(into h: inout Hasher) { h.combine(message) }
}

package struct PathEnvironment: Sendable {
    package var input: JSONValue
    package var context: JSONValue
    package init(input: JSONValue, context: JSONValue) {
        self.input = input
        self.context = context
    }
}

public struct JSONPath: Sendable, Hashable, CustomStringConvertible {
    enum Step: Hashable { case key(String), index(Int) }
    let steps: [Step]
    public let description: String
    public let isContextPath: Bool
    public var isDefinite: Bool { true }
    public init(_ text: String) throws(PathSyntaxError) {
        description = text
        var rest = Substring(text)
        if rest.hasPrefix("$$") { isContextPath = true; rest = rest.dropFirst(2) }
        else if rest.hasPrefix("$") { isContextPath = false; rest = rest.dropFirst() }
        else { throw PathSyntaxError(message: "path must start with '$'") }
        var steps: [Step] = []
        for part in rest.split(separator: ".", omittingEmptySubsequences: false).dropFirst() {
            var p = part
            if let b = p.firstIndex(of: "[") {
                let key = p[..<b]
                if !key.isEmpty { steps.append(.key(String(key))) }
                p = p[b...]
                while p.hasPrefix("["), let e = p.firstIndex(of: "]") {
                    guard let i = Int(p[p.index(after: p.startIndex)..<e]) else { throw PathSyntaxError(message: "bad index") }
                    steps.append(.index(i))
                    p = p[p.index(after: e)...]
                }
            } else {
                if p.isEmpty { throw PathSyntaxError(message: "empty key") }
                steps.append(.key(String(p)))
            }
        }
        self.steps = steps
    }
    public func value(in root: JSONValue) -> JSONValue? {
        var current = root
        for step in steps {
            switch step {
            case .key(let k): guard let v = current[k] else { return nil }; current = v
            case .index(let i): guard let v = current[i] else { return nil }; current = v
            }
        }
        return current
    }
}

public struct ReferencePath: Sendable, Hashable, CustomStringConvertible {
    let path: JSONPath
    public var description: String { path.description }
    public var isContextPath: Bool { path.isContextPath }
    public init(_ text: String) throws(PathSyntaxError) { path = try JSONPath(text) }
    public func value(in root: JSONValue) -> JSONValue? { path.value(in: root) }
    public func setting(_ value: JSONValue, in root: JSONValue) throws(StatesError) -> JSONValue {
        func set(_ steps: ArraySlice<JSONPath.Step>, _ node: JSONValue) throws(StatesError) -> JSONValue {
            guard let first = steps.first else { return value }
            guard case .key(let k) = first else { throw StatesError.runtime("index in ResultPath") }
            var object: JSONObject
            switch node {
            case .object(let o): object = o
            default: throw StatesError.runtime("Unable to apply ResultPath '\(description)'")
            }
            object[k] = try set(steps.dropFirst(), object[k] ?? .object(JSONObject()))
            return .object(object)
        }
        return try set(path.steps[...], root)
    }
}

public struct PayloadTemplate: Sendable, Hashable {
    let template: JSONValue
    public init(_ template: JSONValue, field: String) throws(TemplateError) { self.template = template }
    package func evaluate(in environment: PathEnvironment) throws(StatesError) -> JSONValue {
        func walk(_ v: JSONValue) throws(StatesError) -> JSONValue {
            switch v {
            case .object(let o):
                var out = JSONObject()
                for (k, x) in o {
                    if k.hasSuffix(".$"), case .string(let p) = x {
                        let key = String(k.dropLast(2))
                        if p.hasPrefix("States.") {
                            let call: IntrinsicCall
                            do { call = try IntrinsicCall(parsing: p) } catch { throw StatesError.runtime("bad call") }
                            out[key] = try call.evaluate(in: environment)
                            continue
                        }
                        let path: JSONPath
                        do { path = try JSONPath(p) } catch { throw StatesError.runtime("bad path") }
                        guard let r = path.value(in: path.isContextPath ? environment.context : environment.input) else {
                            throw StatesError.runtime("The JSONPath '\(p)' specified for the field '\(k)' could not be found in the input '\(environment.input.jsonString())'")
                        }
                        out[key] = r
                    } else {
                        out[k] = try walk(x)
                    }
                }
                return .object(out)
            case .array(let a):
                var out: [JSONValue] = []
                for x in a { out.append(try walk(x)) }
                return .array(out)
            default: return v
            }
        }
        return try walk(template)
    }
}

public struct IntrinsicCall: Sendable, Hashable {
    let text: String
    public init(parsing text: String) throws(PathSyntaxError) { self.text = text }
    package func evaluate(in environment: PathEnvironment) throws(StatesError) -> JSONValue {
        // Only States.MathAdd($.x, n) for early engine tests.
        let inner = text.dropFirst("States.MathAdd(".count).dropLast()
        let parts = inner.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        var total: Int64 = 0
        for p in parts {
            if p.hasPrefix("$") {
                let path: JSONPath
                do { path = try JSONPath(p) } catch { throw StatesError.runtime("bad path") }
                total += path.value(in: environment.input)?.numberValue?.int64Value ?? 0
            } else { total += Int64(p) ?? 0 }
        }
        return .number(.integer(total))
    }
}
