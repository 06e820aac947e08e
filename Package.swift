// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "sfnrun",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "StatesLanguage", targets: ["StatesLanguage"]),
        .library(name: "StatesLanguageTesting", targets: ["StatesLanguageTesting"]),
        .library(name: "JSONata", targets: ["JSONata"]),
        .library(name: "JSONCore", targets: ["JSONCore"]),
        .library(name: "YAMLCore", targets: ["YAMLCore"]),
        .library(name: "StatesLanguageAWS", targets: ["StatesLanguageAWS"]),
        .library(name: "StatesLanguageProcess", targets: ["StatesLanguageProcess"]),
        .library(name: "StatesLanguageStore", targets: ["StatesLanguageStore"]),
        .library(name: "StatesLanguageFolders", targets: ["StatesLanguageFolders"]),
        .library(name: "StatesLanguageLayout", targets: ["StatesLanguageLayout"]),
        .library(name: "StatesLanguageRendering", targets: ["StatesLanguageRendering"]),
        .library(name: "StatesLanguageServer", targets: ["StatesLanguageServer"]),
        .executable(name: "sfnrun", targets: ["sfnrun"]),
        .executable(name: "sfnrun-bench", targets: ["sfnrun-bench"]),
    ],
    targets: [
        .target(name: "JSONCore"),
        .target(name: "YAMLCore", dependencies: ["JSONCore"]),
        .target(name: "JSONata", dependencies: ["JSONCore"]),
        .target(name: "StatesLanguage", dependencies: ["JSONCore", "YAMLCore", "JSONata"]),
        .target(name: "StatesLanguageTesting", dependencies: ["StatesLanguage"]),
        // Resources: one gzip-compressed model per botocore service (scripts/aws/generate-shapes.py).
        .target(
            name: "StatesLanguageAWS", dependencies: ["StatesLanguage"], resources: [.copy("Resources/ServiceModels")]),
        .target(name: "StatesLanguageProcess", dependencies: ["StatesLanguage"]),
        .target(name: "StatesLanguageStore", dependencies: ["StatesLanguage", "StatesLanguageAWS"]),
        // Local folders as S3 buckets for Distributed Map readers and writers.
        .target(name: "StatesLanguageFolders", dependencies: ["StatesLanguage"]),
        .target(name: "StatesLanguageLayout", dependencies: ["StatesLanguage"]),
        .target(name: "StatesLanguageRendering", dependencies: ["StatesLanguageLayout"]),
        // The Step Functions API over HTTP (sockets and Dispatch); sfnrun serve.
        .target(name: "StatesLanguageServer", dependencies: ["StatesLanguage", "StatesLanguageTesting"]),
        .executableTarget(
            name: "sfnrun",
            dependencies: [
                "StatesLanguage", "StatesLanguageTesting", "StatesLanguageAWS", "StatesLanguageLayout",
                "StatesLanguageRendering", "StatesLanguageProcess", "StatesLanguageStore", "StatesLanguageServer",
                "StatesLanguageFolders",
            ]
        ),
        .executableTarget(
            name: "sfnrun-bench",
            dependencies: [
                "StatesLanguage", "JSONata", "StatesLanguageLayout", "StatesLanguageStore", "StatesLanguageFolders",
                "StatesLanguageTesting",
            ],
            path: "Benchmarks/sfnrun-bench"
        ),
        .testTarget(name: "JSONCoreTests", dependencies: ["JSONCore"]),
        .testTarget(name: "YAMLCoreTests", dependencies: ["YAMLCore"], exclude: ["Fixtures"]),
        .testTarget(name: "JSONataTests", dependencies: ["JSONata"], exclude: ["Fixtures"]),
        .testTarget(name: "StatesLanguageTests", dependencies: ["StatesLanguage", "StatesLanguageTesting"]),
        // Starts moto servers for the suites that talk to AWS APIs; Foundation only.
        .target(name: "MotoSupport", path: "Tests/MotoSupport"),
        .testTarget(name: "StatesLanguageAWSTests", dependencies: ["StatesLanguageAWS", "MotoSupport"]),
        .testTarget(name: "StatesLanguageProcessTests", dependencies: ["StatesLanguageProcess"]),
        .testTarget(name: "StatesLanguageStoreTests", dependencies: ["StatesLanguageStore", "StatesLanguageTesting"]),
        .testTarget(name: "StatesLanguageFoldersTests", dependencies: ["StatesLanguageFolders"]),
        .testTarget(name: "StatesLanguageTestingTests", dependencies: ["StatesLanguageTesting"]),
        .testTarget(name: "StatesLanguageServerTests", dependencies: ["StatesLanguageServer"]),
        .testTarget(name: "sfnrunTests", dependencies: ["sfnrun", "MotoSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "StateMachinesTests", dependencies: ["StatesLanguageTesting"]),
        // Generated from the Swift snippets of README.md and Docs/ by scripts/check-snippets.py.
        .testTarget(
            name: "DocSnippetsTests",
            dependencies: ["StatesLanguage", "StatesLanguageAWS", "StatesLanguageTesting", "StatesLanguageStore"]),
        .testTarget(
            name: "StatesLanguageLayoutTests",
            dependencies: ["StatesLanguage", "StatesLanguageLayout", "StatesLanguageRendering", "StatesLanguageTesting"]),
        .testTarget(
            name: "ConformanceTests", dependencies: ["StatesLanguage", "StatesLanguageTesting"], exclude: ["Fixtures"]),
    ]
)
