import Foundation
import StatesLanguage

extension WaitState.Duration {
    /// How long the state waits: `300s`, `$.DrainSeconds`, `until 2026-01-31T12:00:00Z`.
    public var summary: String {
        switch self {
        case .seconds(let seconds): return "\(seconds)s"
        case .secondsPath(let path): return Summary.shortened(path.text)
        case .timestamp(let date): return "until " + ISO8601DateFormatter().string(from: date)
        case .timestampPath(let path): return Summary.shortened("until " + path.text)
        case .secondsExpression(let expression): return Summary.shortened("{% \(expression.source) %}")
        case .timestampExpression(let expression): return Summary.shortened("until {% \(expression.source) %}")
        }
    }
}
