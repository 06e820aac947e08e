import Foundation
import StatesLanguage
import Testing

/// Slow: 100 boto3 clients' StartExecution calls at once. CI runs it (scripts/test.sh runs every suite).
@Suite("Slow: load against sfnrun serve", .enabled(if: SDKClients.isAvailable, SDKClients.skipMessage))
struct SlowServeLoadTests {
    @Test("100 concurrent StartExecution calls are all served and all finish")
    func concurrentStarts() async throws {
        let instance = try ServedInstance()
        let run = try await instance.scenario("concurrent_starts")
        #expect(await instance.stop() == 0)
        #expect(run.status == 0, "\(run.error)")
        #expect(run.facts?["started"] == 100)
        #expect(run.facts?["succeeded"] == 100)
    }
}
