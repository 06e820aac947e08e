import StatesLanguage

/// `--wait-seconds STATE=N`: the Wait state named STATE waits N seconds instead of its own duration.
enum WaitSecondsArgument {
    /// Splits the argument at its last `=` (a state name may contain one; a number cannot).
    ///
    /// - Throws: ``UsageError`` when the name is empty or N is not a number of seconds from 0 to a year.
    static func parse(_ text: String) throws(UsageError) -> (state: String, seconds: Double) {
        guard let equals = text.lastIndex(of: "="), equals != text.startIndex,
            let seconds = Double(text[text.index(after: equals)...]), seconds.isFinite,
            (0...31_536_000).contains(seconds)
        else {
            throw UsageError(
                "invalid value '\(text)' for '--wait-seconds' (expected STATE=SECONDS, with SECONDS from 0 to 31536000, such as WaitForBoot=0.5)"
            )
        }
        return (String(text[..<equals]), seconds)
    }

    /// Checks that every name is a Wait state of `machine`.
    ///
    /// - Throws: ``CommandFailure`` (exit 2) naming the state and suggesting the closest Wait state.
    static func check(_ overrides: [String: Double], against machine: StateMachine) throws(CommandFailure) {
        let states = machine.allStates
        let waits = states.compactMap { state -> String? in
            if case .wait = state { return state.name }
            return nil
        }
        for name in overrides.keys.sorted() where !waits.contains(name) {
            if let other = states.first(where: { $0.name == name }) {
                throw CommandFailure(
                    "error: --wait-seconds '\(name)': the state is a \(other.typeName) state, not a Wait state")
            }
            var message = "error: --wait-seconds '\(name)': no Wait state is named '\(name)'"
            if let guess = Suggestion.closest(to: name, among: waits) { message += " (did you mean '\(guess)'?)" }
            throw CommandFailure(message)
        }
    }
}
