import Foundation
import Testing

@testable import StatesLanguageAWS

@Suite("SigV4 timestamps")
struct SigningTimestampTests {
    @Test(
        "UTC date-time and day of an instant",
        arguments: [
            (1_440_938_160, "20150830T123600Z"),
            (1_440_938_160.999, "20150830T123600Z"),
            (951_868_799, "20000229T235959Z"),
            (951_868_800, "20000301T000000Z"),
            (0, "19700101T000000Z"),
            (-1, "19691231T235959Z"),
            (-2_203_891_200, "19000301T000000Z"),
            (4_107_542_400, "21000301T000000Z"),
            (1e15, "99991231T235959Z"),
            (-1e15, "00010101T000000Z"),
        ] as [(Double, String)]
    )
    func formatting(secondsSince1970: Double, expected: String) {
        let timestamp = SigningTimestamp(Date(timeIntervalSince1970: secondsSince1970))
        #expect(timestamp.dateTime == expected)
        #expect(timestamp.day == String(expected.prefix(8)))
    }

    @Test("agrees with Foundation's ISO 8601 formatter over a spread of instants")
    func agreesWithFoundation() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withYear, .withMonth, .withDay, .withTime, .withTimeZone]
        for seconds in stride(from: -3_000_000_000.0, through: 5_000_000_000.0, by: 7_777_777.7) {
            let date = Date(timeIntervalSince1970: seconds.rounded(.down))
            let expected = formatter.string(from: date)
                .replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
            #expect(SigningTimestamp(date).dateTime == expected, "\(seconds)")
        }
    }
}
