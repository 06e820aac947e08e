import Foundation
import StatesLanguage
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Slow: real server processes killed with SIGKILL and started again on the same store.
@Suite("Slow: sfnrun serve --store survives kill -9", .enabled(if: SDKClients.isAvailable, SDKClients.skipMessage))
struct ServeStoreTests {
    @Test("A restarted server lists its executions, resumes the running one and redrives the failed one")
    func restart() async throws {
        let store = FileManager.default.temporaryDirectory.appendingPathComponent("sfnrun-serve-store-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: store) }
        let first = try ServedInstance(["--store", store.path])
        let before = try await first.scenario("store_before")
        // Killed: nothing is closed, as after a crash.
        _ = await first.stop(signal: SIGKILL, keepsTokens: true)
        #expect(before.status == 0, "\(before.error)")
        #expect(before.facts?["flakyStatus"] == "FAILED")
        #expect(before.facts?["redriveStatus"] == "REDRIVABLE")
        let token = try #require(before.facts?["token"]?.stringValue)

        let second = try ServedInstance(["--store", store.path], tokenDirectory: first.tokenDirectory)
        let after = try await second.scenario("store_after", environment: ["SFNRUN_TOKEN": token])
        #expect(await second.stop() == 0)
        #expect(after.status == 0, "\(after.error)")
        let facts = try #require(after.facts)
        #expect(facts["machines"] == ["Approval", "Flaky"])
        #expect(facts["running"] == ["a1"])
        #expect(facts["status"] == "SUCCEEDED")
        #expect(facts["output"] == ["approved": "after restart"])
        #expect(facts["redrivenStatus"] == "SUCCEEDED")
        #expect(facts["redriveCount"] == 1)
    }
}
