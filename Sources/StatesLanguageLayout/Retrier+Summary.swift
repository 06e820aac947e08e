import StatesLanguage

extension Retrier {
    /// The retry policy on one line: `retry States.Timeout: max 3 retries, 2s ×2, max delay 60s`
    /// (`MaxAttempts` counts retries, not tries).
    public var summary: String {
        var text = Summary.shortened(errorEquals.map(\.rawValue).joined(separator: ", "), limit: 32)
        text = "retry \(text): max \(maxAttempts) retr\(maxAttempts == 1 ? "y" : "ies"), \(intervalSeconds)s"
        if backoffRate != 1 { text += " ×" + formatted(backoffRate) }
        if let maxDelaySeconds { text += ", max delay \(maxDelaySeconds)s" }
        if jitterStrategy == .full { text += ", jitter" }
        return text
    }

    private func formatted(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e9 ? String(Int(number)) : String(number)
    }
}
