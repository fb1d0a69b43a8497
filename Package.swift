// swift-tools-version: 6.1
import PackageDescription

// The PostgreSQL ledger pulls in postgres-nio, which adds minutes to a cold build. It sits behind the
// `PostgreSQL` trait so that an SQLite-only deployment never builds it:
//   swift build                        # SQLite only
//   swift build --traits PostgreSQL    # both ledgers (what CI builds and tests)
let postgresNIO = Target.Dependency.product(
    name: "PostgresNIO", package: "postgres-nio", condition: .when(traits: ["PostgreSQL"]))

let package = Package(
    name: "MoodleBridge",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "moodle-bridge", targets: ["moodle-bridge"]),
        .executable(name: "bridge-bench", targets: ["bridge-bench"]),
        .library(name: "CreditCore", targets: ["CreditCore"]),
        .library(name: "MoodleClient", targets: ["MoodleClient"]),
        .library(name: "FakeMoodle", targets: ["FakeMoodle"]),
    ],
    traits: [
        .trait(name: "PostgreSQL", description: "Build the PostgreSQL ledger (postgres-nio).")
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // Pure domain: no I/O, no clock reads. swift-crypto's SHA-256 hashes the ledger chain.
        .target(name: "CreditCore", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        .target(
            name: "BridgeConfig",
            dependencies: ["CreditCore", .product(name: "Yams", package: "Yams")]),
        .systemLibrary(
            name: "CLibXML2", path: "Sources/CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]),
        .target(
            name: "MoodleClient",
            dependencies: ["CLibXML2", .product(name: "Logging", package: "swift-log")]),
        .target(
            name: "LedgerSQLite",
            dependencies: ["CreditCore", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(name: "LedgerPostgres", dependencies: ["CreditCore", postgresNIO]),
        // The guarantees every ledger backend must keep, as one suite each backend's tests run.
        .target(name: "LedgerConformance", dependencies: ["CreditCore"]),
        .target(
            name: "BridgeSync",
            dependencies: [
                "CreditCore", "MoodleClient", "BridgeConfig",
                .product(name: "Logging", package: "swift-log"),
            ]),
        .systemLibrary(
            name: "CLibXlsxWriter", path: "Sources/CLibXlsxWriter", pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]),
        .target(name: "CreditReports", dependencies: ["CreditCore", "CLibXlsxWriter"]),
        // Copies the example data (Fixtures/moodle/ground-truth.json, Fixtures/scenarios/*.json,
        // Mappings/*.yaml) into the resources of FakeMoodle and BridgeCLI at build time, so the demo
        // and the fake Moodle work from any folder while the files stay where they are.
        .plugin(name: "BundleExampleData", capability: .buildTool(), path: "Sources/BundleExampleData"),
        .target(
            name: "FakeMoodle",
            dependencies: [.product(name: "FlyingFox", package: "FlyingFox")],
            plugins: ["BundleExampleData"]),
        // The use cases: one type per user action, between the front ends (the CLI) and the engines.
        .target(
            name: "BridgeApplication",
            dependencies: [
                "CreditCore", "BridgeConfig", "BridgeSync", "CreditReports", "MoodleClient",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ]),
        // The web console: server-rendered pages over the use cases, for registrars and administrators.
        .target(
            name: "BridgeConsole",
            dependencies: [
                "BridgeApplication", "BridgeConfig", "CreditCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Templates"), .copy("Static")]),
        .target(
            name: "BridgeCLI",
            dependencies: [
                "BridgeApplication", "CreditCore", "BridgeConfig", "MoodleClient", "LedgerSQLite",
                "LedgerPostgres", "BridgeSync", "CreditReports", "FakeMoodle", "BridgeConsole",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            plugins: ["BundleExampleData"]),
        .executableTarget(name: "moodle-bridge", dependencies: ["BridgeCLI"]),
        .executableTarget(
            name: "bridge-bench",
            dependencies: [
                "CreditCore", "BridgeConfig", "MoodleClient", "LedgerSQLite", "LedgerPostgres",
                "BridgeSync", "CreditReports", "FakeMoodle", "BridgeApplication", "BridgeConsole",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]),

        .testTarget(name: "CreditCoreTests", dependencies: ["CreditCore"]),
        .testTarget(name: "BridgeConfigTests", dependencies: ["BridgeConfig", "CreditCore"]),
        .testTarget(name: "MoodleClientTests", dependencies: ["MoodleClient", "FakeMoodle"]),
        .testTarget(name: "LedgerSQLiteTests", dependencies: ["LedgerSQLite", "LedgerConformance", "CreditCore"]),
        .testTarget(
            name: "LedgerPostgresTests", dependencies: ["LedgerPostgres", "LedgerConformance", "CreditCore"]),
        .testTarget(
            name: "BridgeSyncTests",
            dependencies: [
                "BridgeSync", "BridgeApplication", "FakeMoodle", "LedgerSQLite", "CreditCore", "BridgeConfig",
                "MoodleClient",
            ]),
        .testTarget(
            name: "CreditReportsTests", dependencies: ["CreditReports", "CreditCore", "LedgerSQLite", "BridgeConfig"]),
        .testTarget(name: "FakeMoodleTests", dependencies: ["FakeMoodle"]),
        .testTarget(
            name: "BridgeApplicationTests",
            dependencies: [
                "BridgeApplication", "CreditCore", "CreditReports", "BridgeConfig", "LedgerSQLite", "MoodleClient",
                // The concurrency tests run every write use case on both backends.
                "LedgerPostgres", "BridgeSync", "FakeMoodle", .product(name: "Logging", package: "swift-log"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ]),
        .testTarget(
            name: "BridgeConsoleTests",
            dependencies: [
                // The browser tests run the built `moodle-bridge demo` for a ledger synced from the fake Moodle.
                "BridgeConsole", "BridgeApplication", "CreditCore", "LedgerSQLite", "BridgeConfig",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]),
        .testTarget(
            name: "BridgeCLITests",
            dependencies: ["BridgeCLI", "CreditCore", .product(name: "GRDB", package: "GRDB.swift")]),
    ],
    swiftLanguageModes: [.v6]
)
