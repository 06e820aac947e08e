/// A failed attempt of a Map or Parallel state that records its `…StateFailed` event only if the
/// failure is final: AWS records `MapStateFailed`/`ParallelStateFailed` once, when no retrier takes
/// the error (recordings `test_map_state_retry…`: one `MapStateStarted` per attempt, one
/// `MapStateFailed` at the end), whether a catcher then handles it or not.
struct FailedAttempt: Error {
    /// The error the attempt failed with.
    var error: StatesError
    /// The event to record when the failure is final.
    var event: ExecutionEvent.Kind
}
