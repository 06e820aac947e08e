import StatesLanguage

extension MapState.Count {
    /// The count as written: `5`, `unlimited` for 0, `$.MaxConcurrency`, `{% … %}`.
    public var summary: String {
        switch self {
        case .literal(let value): return value == 0 ? "unlimited" : String(Int(value))
        case .path(let path): return Summary.shortened(path.text)
        case .expression(let expression): return Summary.shortened("{% \(expression.source) %}")
        }
    }
}
