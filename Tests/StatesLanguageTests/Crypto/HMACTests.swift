import Testing

@testable import StatesLanguage

@Suite("HMAC")
struct HMACTests {
    @Test(
        "matches the RFC 2202 (MD5, SHA-1) and RFC 4231 (SHA-2) test cases",
        arguments: [
        (.sha256, "RFC 4231 case 1", repeated(0x0b, count: 20), utf8("Hi There"),
         "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        (.sha256, "RFC 4231 case 2", utf8("Jefe"), utf8("what do ya want for nothing?"),
         "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        (.sha256, "RFC 4231 case 3", repeated(0xaa, count: 20), repeated(0xdd, count: 50),
         "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
        (.sha256, "RFC 4231 case 4", Array(1...25), repeated(0xcd, count: 50),
         "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
        (.sha256, "RFC 4231 case 5", repeated(0x0c, count: 20), utf8("Test With Truncation"),
         "a3b6167473100ee06e0c796c2955552b"),
        (.sha256, "RFC 4231 case 6", repeated(0xaa, count: 131), largeKeyData,
         "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
        (.sha256, "RFC 4231 case 7", repeated(0xaa, count: 131), rfc4231Case7Data,
         "9a3f8e7ae8dcf1c31b00de0e6244594c68b5446adf6e5cef516510e59732a357"),
        (.sha384, "RFC 4231 case 1", repeated(0x0b, count: 20), utf8("Hi There"),
         "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59cfaea9ea9076ede7f4af152e8b2fa9cb6"),
        (.sha384, "RFC 4231 case 2", utf8("Jefe"), utf8("what do ya want for nothing?"),
         "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649"),
        (.sha384, "RFC 4231 case 3", repeated(0xaa, count: 20), repeated(0xdd, count: 50),
         "88062608d3e6ad8a0aa2ace014c8a86f0aa635d947ac9febe83ef4e55966144b2a5ab39dc13814b94e3ab6e101a34f27"),
        (.sha384, "RFC 4231 case 4", Array(1...25), repeated(0xcd, count: 50),
         "3e8a69b7783c25851933ab6290af6ca77a9981480850009cc5577c6e1f573b4e6801dd23c4a7d679ccf8a386c674cffb"),
        (.sha384, "RFC 4231 case 5", repeated(0x0c, count: 20), utf8("Test With Truncation"),
         "3abf34c3503b2a23a46efc619baef897"),
        (.sha384, "RFC 4231 case 6", repeated(0xaa, count: 131), largeKeyData,
         "4ece084485813e9088d2c63a041bc5b44f9ef1012a2b588f3cd11f05033ac4c60c2ef6ab4030fe8296248df163f44952"),
        (.sha384, "RFC 4231 case 7", repeated(0xaa, count: 131), rfc4231Case7Data,
         "dcb2ad44fe20e17c59a342bb3e54bb72bdafa70cb87a07ae5aae0c1ae448025c720fce5ad56858bcc697f4c3a4b9c973"),
        (.sha512, "RFC 4231 case 1", repeated(0x0b, count: 20), utf8("Hi There"),
         "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854"),
        (.sha512, "RFC 4231 case 2", utf8("Jefe"), utf8("what do ya want for nothing?"),
         "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737"),
        (.sha512, "RFC 4231 case 3", repeated(0xaa, count: 20), repeated(0xdd, count: 50),
         "fa73b0089d56a284efb0f0756c890be9b1b5dbdd8ee81a3655f83e33b2279d39bf3e848279a722c806b485a47e67c807b946a337bee8942674278859e13292fb"),
        (.sha512, "RFC 4231 case 4", Array(1...25), repeated(0xcd, count: 50),
         "b0ba465637458c6990e5a8c5f61d4af7e576d97ff94b872de76f8050361ee3dba91ca5c11aa25eb4d679275cc5788063a5f19741120c4f2de2adebeb10a298dd"),
        (.sha512, "RFC 4231 case 5", repeated(0x0c, count: 20), utf8("Test With Truncation"),
         "415fad6271580a531d4179bc891d87a6"),
        (.sha512, "RFC 4231 case 6", repeated(0xaa, count: 131), largeKeyData,
         "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f3526b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598"),
        (.sha512, "RFC 4231 case 7", repeated(0xaa, count: 131), rfc4231Case7Data,
         "7f285e8f5c406ad2348e7d571af40623fbcdf35264cd8344f0440be4c3d5d0c88e1f1d0abb78d53914371fb206e6c8362a9e60b3a0e2341608eb72c8eea66b97"),
        (.md5, "RFC 2202 case 1", repeated(0x0b, count: 16), utf8("Hi There"),
         "9294727a3638bb1c13f48ef8158bfc9d"),
        (.md5, "RFC 2202 case 2", utf8("Jefe"), utf8("what do ya want for nothing?"),
         "750c783e6ab0b503eaa86e310a5db738"),
        (.md5, "RFC 2202 case 3", repeated(0xaa, count: 16), repeated(0xdd, count: 50),
         "56be34521d144c88dbb8c733f0e8b3f6"),
        (.md5, "RFC 2202 case 4", Array(1...25), repeated(0xcd, count: 50),
         "697eaf0aca3a3aea3a75164746ffaa79"),
        (.md5, "RFC 2202 case 5", repeated(0x0c, count: 16), utf8("Test With Truncation"),
         "56461ef2342edc00f9bab995690efd4c"),
        (.md5, "RFC 2202 case 6", repeated(0xaa, count: 80), largeKeyData,
         "6b1ab7fe4bd7bf8f0b62e6ce61b9d0cd"),
        (.md5, "RFC 2202 case 7", repeated(0xaa, count: 80), rfc2202Case7Data,
         "6f630fad67cda0ee1fb1f562db3aa53e"),
        (.sha1, "RFC 2202 case 1", repeated(0x0b, count: 20), utf8("Hi There"),
         "b617318655057264e28bc0b6fb378c8ef146be00"),
        (.sha1, "RFC 2202 case 2", utf8("Jefe"), utf8("what do ya want for nothing?"),
         "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"),
        (.sha1, "RFC 2202 case 3", repeated(0xaa, count: 20), repeated(0xdd, count: 50),
         "125d7342b9ac11cd91a39af48aa17b4f63f175d3"),
        (.sha1, "RFC 2202 case 4", Array(1...25), repeated(0xcd, count: 50),
         "4c9007f4026250c6bc8414f9bf50c86c2d7235da"),
        (.sha1, "RFC 2202 case 5", repeated(0x0c, count: 20), utf8("Test With Truncation"),
         "4c1a03424b55e07fe7f27be1d58bb9324a9a5a04"),
        (.sha1, "RFC 2202 case 6", repeated(0xaa, count: 80), largeKeyData,
         "aa4ae5e15272d00e95705637ce8a3b55ed402112"),
        (.sha1, "RFC 2202 case 7", repeated(0xaa, count: 80), rfc2202Case7Data,
         "e8e99d0f45237d786d6bbaa7965c7808bbff1a91"),
        ] as [(HashAlgorithm, String, [UInt8], [UInt8], String)]
    )
    func publishedTestCases(algorithm: HashAlgorithm, name: String, key: [UInt8], data: [UInt8], expected: String) {
        let code = HMAC(algorithm: algorithm, key: key).authenticationCode(for: data)
        #expect(code.count == algorithm.digestByteCount, "\(name)")
        // RFC 4231 case 5 and RFC 2202 case 5 publish a truncated code; compare its prefix.
        #expect(code.hexEncodedString.hasPrefix(expected), "\(name)")
    }

    @Test("a key of exactly one block is used as is, one byte longer is hashed first")
    func keyAtBlockBoundary() {
        let message = Array("message".utf8)
        let blockKey = repeated(0x61, count: 64)
        #expect(
            HMAC(algorithm: .sha256, key: blockKey).authenticationCode(for: message).hexEncodedString
                == "6117f44d3e99fd884a6c9dc786e91e812c2a7b1c6240231edfcfe60343ff61cb"
        )
        let longKey = repeated(0x61, count: 65)
        #expect(
            HMAC(algorithm: .sha256, key: longKey).authenticationCode(for: message)
                == HMAC(algorithm: .sha256, key: HashAlgorithm.sha256.digest(longKey)).authenticationCode(for: message)
        )
    }
}

private func repeated(_ byte: UInt8, count: Int) -> [UInt8] { [UInt8](repeating: byte, count: count) }

private func utf8(_ text: String) -> [UInt8] { Array(text.utf8) }

private let largeKeyData = utf8("Test Using Larger Than Block-Size Key - Hash Key First")

private let rfc2202Case7Data = utf8("Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data")

private let rfc4231Case7Data = utf8(
    "This is a test using a larger than block-size key and a larger than block-size data. "
        + "The key needs to be hashed before being used by the algorithm."
)
