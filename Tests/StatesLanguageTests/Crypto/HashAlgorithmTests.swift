import Testing

@testable import StatesLanguage

@Suite("Hash functions")
struct HashAlgorithmTests {
    @Test(
        "MD5 matches the RFC 1321 test suite",
        arguments: [
        ("", "d41d8cd98f00b204e9800998ecf8427e"),
        ("a", "0cc175b9c0f1b6a831c399e269772661"),
        ("abc", "900150983cd24fb0d6963f7d28e17f72"),
        ("message digest", "f96b697d7cb7938d525a2f31aaf161d0"),
        ("abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"),
        ("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "d174ab98d277d9f5a5611c2c9f419d9f"),
        ("12345678901234567890123456789012345678901234567890123456789012345678901234567890", "57edf4a22be3c955ac49da2e2107b67a"),
        ] as [(String, String)]
    )
    func md5TestSuite(message: String, expected: String) {
        #expect(HashAlgorithm.md5.digest(message.utf8).hexEncodedString == expected)
    }

    @Test(
        "SHA-1 and SHA-2 match the FIPS 180 examples (abc, 448-bit, 896-bit, empty)",
        arguments: [
        (.sha1, "abc", "a9993e364706816aba3e25717850c26c9cd0d89d"),
        (.sha1, "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "84983e441c3bd26ebaae4aa1f95129e5e54670f1"),
        (.sha1, "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu", "a49b2446a02c645bf419f995b67091253a04a259"),
        (.sha1, "", "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
        (.sha256, "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (.sha256, "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        (.sha256, "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu", "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
        (.sha256, "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        (.sha384, "abc", "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7"),
        (.sha384, "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "3391fdddfc8dc7393707a65b1b4709397cf8b1d162af05abfe8f450de5f36bc6b0455a8520bc4e6f5fe95b1fe3c8452b"),
        (.sha384, "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu", "09330c33f71147e83d192fc782cd1b4753111b173b3b05d22fa08086e3b0f712fcc7c71a557e2db966c3e9fa91746039"),
        (.sha384, "", "38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da274edebfe76f65fbd51ad2f14898b95b"),
        (.sha512, "abc", "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"),
        (.sha512, "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "204a8fc6dda82f0a0ced7beb8e08a41657c16ef468b228a8279be331a703c33596fd15c13b1b07f9aa1d3bea57789ca031ad85c7a71dd70354ec631238ca3445"),
        (.sha512, "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu", "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909"),
        (.sha512, "", "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e"),
        ] as [(HashAlgorithm, String, String)]
    )
    func fipsExamples(algorithm: HashAlgorithm, message: String, expected: String) {
        #expect(algorithm.digest(message.utf8).hexEncodedString == expected)
    }

    @Test(
        "one million 'a' characters hash to the published digests",
        arguments: [
        (.md5, "7707d6ae4e027c70eea2a935c2296f21"),
        (.sha1, "34aa973cd4c4daa4f61eeb2bdbad27316534016f"),
        (.sha256, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"),
        (.sha384, "9d0e1809716474cb086e834e310a4a1ced149e9c00f248527972cec5704c2a5b07b8b3dc38ecc4ebae97ddd87f3d8985"),
        (.sha512, "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973ebde0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b"),
        ] as [(HashAlgorithm, String)]
    )
    func millionCharacters(algorithm: HashAlgorithm, expected: String) {
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(algorithm.digest(message).hexEncodedString == expected)
    }

    /// Lengths either side of where the 0x80 byte and the length field stop fitting in the
    /// last block (55/56 and 63/64 for 64-byte blocks, 111/112 and 127/128 for 128-byte blocks).
    /// Expected values come from Python's hashlib over the bytes 0, 1, 2, … (mod 256).
    @Test(
        "messages at block padding boundaries",
        arguments: [
        (.md5, 55, "6912ee65fff2d9f9ce2508cddf8bcda0"),
        (.md5, 56, "51fdd1acda72405dfdfa03fcb85896d7"),
        (.md5, 63, "48a6295221902e8e0938f773a7185e72"),
        (.md5, 64, "b2d3f56bc197fd985d5965079b5e7148"),
        (.md5, 65, "8bd7053801c768420faf816fadba971c"),
        (.md5, 111, "4fad3ab7d8546851ec1bb63ea7e6f5a8"),
        (.md5, 112, "d1fec2ac3715e791ca5f489f300381b3"),
        (.md5, 119, "1c772251899a7ff007400b888d6b2042"),
        (.md5, 120, "b7ba1efc6022e9ed272f00b8831e26e6"),
        (.md5, 127, "8402b21e7bc7906493bae0dac017f1f9"),
        (.md5, 128, "37eff01866ba3f538421b30b7cbefcac"),
        (.md5, 129, "46f986692847558fc38b0cece591c20f"),
        (.md5, 1000, "cbecbdb0fdd5cec1e242493b6008cc79"),
        (.sha1, 55, "8ae2d46729cfe68ff927af5eec9c7d1b66d65ac2"),
        (.sha1, 56, "636e2ec698dac903498e648bd2f3af641d3c88cb"),
        (.sha1, 63, "6d942da0c4392b123528f2905c713a3ce28364bd"),
        (.sha1, 64, "c6138d514ffa2135bfce0ed0b8fac65669917ec7"),
        (.sha1, 65, "69bd728ad6e13cd76ff19751fde427b00e395746"),
        (.sha1, 111, "bc544e24573d592290fdaff8ecf3f7f2b00cd483"),
        (.sha1, 112, "e4ce142d09a84a8645338dd6535cbfaaf800d320"),
        (.sha1, 119, "41c89d06001bab4ab78736b44efe7ce18ce6ae08"),
        (.sha1, 120, "d3dbd653bd8597b7475321b60a36891278e6a04a"),
        (.sha1, 127, "89d7312a903f65cd2b3e34a975e55dbea9033353"),
        (.sha1, 128, "e6434bc401f98603d7eda504790c98c67385d535"),
        (.sha1, 129, "3352e41cc30b40ae80108970492b21014049e625"),
        (.sha1, 1000, "af0b191c2de46fe13fe0908f5a6a4e90e0cafc46"),
        (.sha256, 55, "463eb28e72f82e0a96c0a4cc53690c571281131f672aa229e0d45ae59b598b59"),
        (.sha256, 56, "da2ae4d6b36748f2a318f23e7ab1dfdf45acdc9d049bd80e59de82a60895f562"),
        (.sha256, 63, "29af2686fd53374a36b0846694cc342177e428d1647515f078784d69cdb9e488"),
        (.sha256, 64, "fdeab9acf3710362bd2658cdc9a29e8f9c757fcf9811603a8c447cd1d9151108"),
        (.sha256, 65, "4bfd2c8b6f1eec7a2afeb48b934ee4b2694182027e6d0fc075074f2fabb31781"),
        (.sha256, 111, "60780e9451bdc43cf4530ffc95cbb0c4eb24dae2c39f55f334d679e076c08065"),
        (.sha256, 112, "09373f127d34e61dbbaa8bc4499c87074f2ddb10e1b465f506d7d70a15011979"),
        (.sha256, 119, "da18797ed7c3a777f0847f429724a2d8cd5138e6ed2895c3fa1a6d39d18f7ec6"),
        (.sha256, 120, "f52b23db1fbb6ded89ef42a23ce0c8922c45f25c50b568a93bf1c075420bbb7c"),
        (.sha256, 127, "92ca0fa6651ee2f97b884b7246a562fa71250fedefe5ebf270d31c546bfea976"),
        (.sha256, 128, "471fb943aa23c511f6f72f8d1652d9c880cfa392ad80503120547703e56a2be5"),
        (.sha256, 129, "5099c6a56203f9687f7d33f4bfdf576d31dc91f6b695ecea38b2770c87631135"),
        (.sha256, 1000, "a8af099bf2e878609558dbf69d8f88f4a31040a8cf84b549a0cfa912f12ffc3f"),
        (.sha384, 55, "dcedb6b590edb4efa849c801e6b6490657a5c1e64f69269f5f63c9267f6223de24cea7aaa6b267d9bcecc15147b6c875"),
        (.sha384, 56, "7b9132d597b8873ad55bbc30f18ed3f2c9f340e7de69fb5774056c71a06d9bc2b14137e9e1c68b6b645fed28b188249d"),
        (.sha384, 63, "dd66b519f51a925814407a449c60b34c553d7652d41783ee903a810a4c9f833b8181c91c7f12283eacd6a5f8a2639ddf"),
        (.sha384, 64, "9f2c9eb7116b3d7a4ba84a74a4d4eff8a5efcf54b6d7b662693c38577914c73a214766f0a175339bb0895a863824fc0a"),
        (.sha384, 65, "14b0a9ffce149426bf5045ffc24c057451d2473186deb4f150117b855911a7641651fb1e15df406eb373d71151c46f25"),
        (.sha384, 111, "f5f9fe110d809d34029de262a01b208356caec6e054c7f926b2591f6c9780579d4b59f5578c6f531a84f158a33660cef"),
        (.sha384, 112, "33ba080ec0ccb378e4e95fed3b26c23aa1a280476e007519ee47f60cd9c5c8a65d627259a9aa2fd33ca06d3c14ee5548"),
        (.sha384, 119, "0c8d3031d85cefa23a09e13ce03623f0e648a030e43700c82aa1c8aa7e3ea9cecef3029a23815ad940cc39adb7747d2f"),
        (.sha384, 120, "0577ad6090b2a39ffa1c4a25436f9e958890c55a5b23cf8cee8195a5984316d81d6cf0b5916c0ad8b1f512fb39826c6d"),
        (.sha384, 127, "d5fcfe2fcf6b3ef375ede37c8123d9b78065fecc1d55197e2f7721e6e9a93d0ba4d7fd15f9b96dea2744df24141ba2ef"),
        (.sha384, 128, "ca2385773319124534111a36d0581fc3f00815e907034b90cff9c3a861e126a741d5dfcff65a417b6d7296863ac0ec17"),
        (.sha384, 129, "ef49ae5b9ad51433d00323528d81ea8d2e4d2b507dbd9f1cb84f952b66249a788b1c89fcdb77a0db9f1feb901d47fc73"),
        (.sha384, 1000, "cfe84a17cb1c1c9d4e7d1b1f5e7aee4ba0fa7ccaafe00c80b20b94ef4250ecae24321940e3e66510732fe32f386e4cc7"),
        (.sha512, 55, "6856647f269c2ee3d8128f0b25427659d880641ef343300dd3cd4679168f58d6527fda70b4ebc854e2065e172b7d58c1536992c0810599259ba84a2b40c65414"),
        (.sha512, 56, "8b12b2f6fe400a51d29656e2b8c42a1bbfe6fcf3e425da430db05d1a2dda14790dee20fa8b22d8762afffe4988a5c98a4430d22a17e41e23d90fa61ab75671a9"),
        (.sha512, 63, "9dc9c5598e55dc42955695320839788e353f1d7f6ba74df74c80a8a52f463c0697f57f68835d1418f4ce9b6530cd79bd0f4c6f7e13c93feb1218c0b65c2c0561"),
        (.sha512, 64, "ee4320ebaf3fdb4f2c832b137200c08e235e0fa7bbd0eb1740c7063ba8a0d151da77e003398e1714a955d475b05e3e950b639503b452ec185de4229bc4873949"),
        (.sha512, 65, "02856cef735f9acec6b9e33f0fbc8f9804d2aa54187f382b8ae842e5d3696c07459aad2a5aed25ea5e117eb1c7ba35da6a7a8adce9e6afe3ad79e9fa42d5bba8"),
        (.sha512, 111, "a1a111449b198d9b1f538bad7f3fc1022b3a5b1a5e90a0bc860de8512746cbc31599e6c834de3a3235327af0b51ff57bf7acf1974a73014d9c3953812edc7c8d"),
        (.sha512, 112, "c5fbd731d19d2ae1180f001be72c2c1aaba1d7b094b3748880e24593b8e117a750e11c1bd867cc2f96dace8c8b74abd2d5c4f236be444e77d30d1916174070b9"),
        (.sha512, 119, "43e497279c2ce805903a33b54b746ea92d607f7c4807986c849823b81097a9099b5896ac7cc66df3a93edc8a91b6f3971d6c7f5688daf635737760bd080e27b3"),
        (.sha512, 120, "9636708964c5ff6600510319e07bf3fcfcb1f4058fec278efb677964ba1e140c1632505452f802e99bcf09da3d456dc3868d149a0788a730e49d239ce7415145"),
        (.sha512, 127, "eab89674feaa34e27aebeeff3c0a4d70070bb872d5e9f186cf1dbbdee517b6e35724d629ff025a5b07185e911ada7e3c8acf830aa0e4f71777bd2d44f504f7f0"),
        (.sha512, 128, "1dffd5e3adb71d45d2245939665521ae001a317a03720a45732ba1900ca3b8351fc5c9b4ca513eba6f80bc7b1d1fdad4abd13491cb824d61b08d8c0e1561b3f7"),
        (.sha512, 129, "1d9da57fbbdab09afb3506ab2d223d06109d65c1c8ad197f50138f714bc4c3f2fe5787922639c680acad1c651f955990425954ce2cba0c5cc83f2667d878eb0f"),
        (.sha512, 1000, "6cd2eda9bf9c0597129029b0054b81e433f6b8b7b499a75eb705efd74bac194149835b1d1a14c48be696e4d588456d512a22eae7aa1b57be2b56eae7d35e08cb"),
        ] as [(HashAlgorithm, Int, String)]
    )
    func paddingBoundaries(algorithm: HashAlgorithm, length: Int, expected: String) {
        let message = (0..<length).map { UInt8(truncatingIfNeeded: $0) }
        #expect(algorithm.digest(message).hexEncodedString == expected)
        #expect(algorithm.digest(message).count == algorithm.digestByteCount)
    }

    @Test("a digest fed in pieces equals the digest of the whole", arguments: HashAlgorithm.allCases)
    func incrementalUpdates(algorithm: HashAlgorithm) {
        let message = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let whole = algorithm.digest(message)
        for pieceLength in [1, 3, 55, 64, 127, 129, 999] {
            var digester = Digester(algorithm)
            var start = 0
            while start < message.count {
                let end = min(start + pieceLength, message.count)
                digester.update(message[start..<end])
                start = end
            }
            #expect(digester.finalize() == whole, "pieces of \(pieceLength) bytes")
        }
    }

    @Test("non-contiguous sequences hash like their bytes")
    func nonContiguousSequence() {
        let lazyBytes = (0..<200).lazy.map { UInt8(truncatingIfNeeded: $0) }
        #expect(HashAlgorithm.sha256.digest(lazyBytes) == HashAlgorithm.sha256.digest(Array(lazyBytes)))
    }

    @Test("raw values are the names States.Hash accepts")
    func rawValues() {
        #expect(HashAlgorithm.allCases.map(\.rawValue) == ["MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512"])
        #expect(HashAlgorithm(rawValue: "sha-256") == nil)
    }

    @Test("hex encoding is lowercase with two digits per byte")
    func hexEncoding() {
        #expect([UInt8]().hexEncodedString == "")
        #expect([0x00, 0x0f, 0xa0, 0xff].hexEncodedString == "000fa0ff")
    }
}
