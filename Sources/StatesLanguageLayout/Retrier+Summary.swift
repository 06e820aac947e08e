import StatesLanguage

extension Retrier {
    /// The retry policy on one line: `retry States.Timeout: 3 attempts, 2s ×2.0, max 60s`.
    public var summary: String {
        var text = Summary.shortened(errorEquals.map(\.rawValue).joined(separator: ", "), limit: 32)
        text = "retry \(text): \(maxAttempts) attempt\(maxAttempts == 1 ? "" : "s"), \(intervalSeconds)s"
        if backoffRate != 1 { text += " ×" + formatted(backoffRate) }
        if let maxDelaySeconds { text += ", max \(maxDelaySeconds)s" }
        if jitterStrategy == .full { text += ", jitter" }
        return text
    }

    private func formatted(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e9 ? String(Int(number)) : String(number)
    }
}
