/// The workflow variables one graph can see while it runs: those of the enclosing graphs
/// (read-only, copied when a Parallel branch or Map iteration starts) and its own.
///
/// Each branch and iteration gets its own copy, so siblings never see each other's
/// assignments, and inner variables vanish when the Parallel or Map state ends.
struct VariableScope: Sendable {
    /// Every visible variable, by name.
    private(set) var values: [String: JSONValue] = [:]
    /// The UTF-8 size of every value, as the 10 MiB quota counts it.
    private(set) var totalBytes = 0

    /// Checks an evaluated `Assign` against the quotas: 256 KiB per variable, 256 KiB per
    /// `Assign`, 10 MiB for all variables together.
    ///
    /// - Throws: `States.DataLimitExceeded`.
    func check(_ assigned: JSONObject, limits: ExecutionLimits) throws(StatesError) {
        var assignedBytes = 0
        var total = totalBytes
        for (name, value) in assigned {
            let size = value.compactByteCount
            if let maximum = limits.maximumVariableBytes, size > maximum {
                throw StatesError(
                    .dataLimitExceeded,
                    cause: "The variable '\(name)' has a size of \(size) bytes, exceeding the maximum of \(maximum) bytes.")
            }
            assignedBytes += size
            total += size - (values[name]?.compactByteCount ?? 0)
        }
        if let maximum = limits.maximumAssignBytes, assignedBytes > maximum {
            throw StatesError(
                .dataLimitExceeded,
                cause: "The variables assigned by one Assign field have a combined size of \(assignedBytes) bytes, exceeding the maximum of \(maximum) bytes.")
        }
        if let maximum = limits.maximumTotalVariableBytes, total > maximum {
            throw StatesError(
                .dataLimitExceeded,
                cause: "The workflow variables would have a combined size of \(total) bytes, exceeding the maximum of \(maximum) bytes.")
        }
    }

    /// Stores assigned values, replacing earlier ones.
    mutating func apply(_ assigned: JSONObject?) {
        guard let assigned else { return }
        for (name, value) in assigned {
            totalBytes += value.compactByteCount - (values[name]?.compactByteCount ?? 0)
            values[name] = value
        }
    }
}
