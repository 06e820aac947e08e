/// Short, human-readable lengths of time for progress lines, reports and timelines.
public enum ElapsedTime {
    /// `12ms`, `1.5s`, `10s`, `2m 0s`, `1h 3m`; negative lengths get a minus sign, and
    /// non-finite ones (from a history with absurd timestamps) read `?`.
    ///
    /// - Parameter seconds: the length of time in seconds.
    /// - Returns: the text.
    public static func text(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "?" }
        if seconds < 0 { return "-" + text(-seconds) }
        let seconds = min(seconds, 1e12)
        if seconds < 1 { return "\(Int((seconds * 1000).rounded()))ms" }
        if seconds < 60 {
            let tenths = (seconds * 10).rounded() / 10
            return tenths == tenths.rounded() ? "\(Int(tenths))s" : "\(tenths)s"
        }
        let total = Int(seconds.rounded())
        if total < 3600 { return "\(total / 60)m \(total % 60)s" }
        return "\(total / 3600)h \((total % 3600) / 60)m"
    }
}
