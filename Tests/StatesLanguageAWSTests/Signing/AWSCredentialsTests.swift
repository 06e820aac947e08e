import Testing

@testable import StatesLanguageAWS

@Suite("AWSCredentials")
struct AWSCredentialsTests {
    static let secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
    static let token = "FwoGZXIvYXdzEXAMPLETOKEN"

    @Test("no textual form reveals the secret key or the session token")
    func redaction() {
        let credentials = AWSCredentials(
            accessKeyID: "ASIAEXAMPLE", secretAccessKey: Self.secret, sessionToken: Self.token
        )
        var dumped = ""
        dump(credentials, to: &dumped)
        let forms = [
            credentials.description, credentials.debugDescription, String(describing: credentials),
            String(reflecting: credentials), "\(credentials)", dumped, String(describing: [credentials]),
        ]
        for form in forms {
            #expect(form.contains("ASIAEXAMPLE"), "\(form)")
            #expect(!form.contains(Self.secret), "\(form)")
            #expect(!form.contains(Self.token), "\(form)")
        }
        #expect(
            credentials.description
                == "AWSCredentials(accessKeyID: ASIAEXAMPLE, secretAccessKey: <redacted>, sessionToken: <redacted>)"
        )
    }

    @Test("long-term keys print without a token field")
    func withoutToken() {
        let credentials = AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: Self.secret)
        #expect(credentials.description == "AWSCredentials(accessKeyID: AKIDEXAMPLE, secretAccessKey: <redacted>)")
    }

    @Test("equality compares every field")
    func equality() {
        let base = AWSCredentials(accessKeyID: "A", secretAccessKey: "S")
        #expect(base == AWSCredentials(accessKeyID: "A", secretAccessKey: "S"))
        #expect(base != AWSCredentials(accessKeyID: "A", secretAccessKey: "T"))
        #expect(base != AWSCredentials(accessKeyID: "A", secretAccessKey: "S", sessionToken: "X"))
    }
}
