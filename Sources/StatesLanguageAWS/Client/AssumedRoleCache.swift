import Foundation

/// The temporary credentials of a profile's role, shared by the copies of a client and renewed
/// five minutes before they expire.
///
/// Concurrent first calls may each assume the role once; the last answer is kept. That costs
/// an extra STS call at most, and spares a task that would own the single request.
package actor AssumedRoleCache {
    private var cached: (credentials: AWSCredentials, expiration: Date)?

    package init() {}

    /// Cached credentials valid for five more minutes at `now`, or fresh ones from `fetch`.
    package func credentials(
        now: Date, fetch: @Sendable () async throws -> (credentials: AWSCredentials, expiration: Date)
    ) async throws -> AWSCredentials {
        if let cached, cached.expiration.timeIntervalSince(now) > 300 { return cached.credentials }
        let fresh = try await fetch()
        cached = fresh
        return fresh.credentials
    }
}
