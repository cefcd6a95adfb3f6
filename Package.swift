// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Dossier",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "dossier", targets: ["dossier"]),
        .library(name: "DossierCore", targets: ["DossierCore"]),
        .library(name: "DossierText", targets: ["DossierText"]),
        .library(name: "DossierExtract", targets: ["DossierExtract"]),
        .library(name: "DossierAnalysis", targets: ["DossierAnalysis"]),
        .library(name: "DossierStore", targets: ["DossierStore"]),
        .library(name: "DossierIngest", targets: ["DossierIngest"]),
        .library(name: "DossierServer", targets: ["DossierServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        .target(name: "DossierCore"),
        // The system zlib (zlib1g-dev), for the SQLite store's compressed extraction JSON.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]),
        .target(name: "DossierText", dependencies: ["DossierCore"], resources: [.copy("Resources")]),
        .target(
            name: "DossierExtract",
            dependencies: ["DossierCore", "DossierText"],
            resources: [.copy("Resources")]
        ),
        .target(name: "DossierAnalysis", dependencies: ["DossierCore", "DossierExtract"], resources: [.copy("Resources")]),
        .target(
            name: "DossierStore",
            dependencies: [
                "DossierCore", "CZlib",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        .target(
            name: "DossierIngest",
            dependencies: [
                "DossierCore", "DossierText", "DossierExtract", "DossierStore",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "DossierServer",
            dependencies: [
                "DossierCore", "DossierText", "DossierExtract", "DossierStore", "DossierIngest", "DossierAnalysis",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [.copy("Resources")]
        ),
        .executableTarget(
            name: "dossier",
            dependencies: [
                "DossierCore", "DossierText", "DossierExtract", "DossierStore", "DossierIngest", "DossierAnalysis",
                "DossierServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            resources: [.copy("Seed")]
        ),
        // Test support shared by the test targets: one temporary folder per test run.
        .target(name: "DossierTestSupport", path: "Tests/DossierTestSupport"),
        .testTarget(name: "DossierCoreTests", dependencies: ["DossierCore"]),
        .testTarget(name: "DossierTextTests", dependencies: ["DossierText"]),
        .testTarget(name: "DossierExtractTests", dependencies: ["DossierExtract", "DossierTestSupport"]),
        .testTarget(name: "DossierCLITests", dependencies: ["dossier", "DossierStore", "DossierTestSupport"]),
        .testTarget(name: "DossierAnalysisTests", dependencies: ["DossierAnalysis"]),
        .testTarget(
            name: "DossierStoreTests",
            dependencies: ["DossierStore", "DossierTestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(name: "DossierIngestTests", dependencies: ["DossierIngest", "dossier", "DossierTestSupport"]),
        .testTarget(
            name: "DossierServerTests",
            dependencies: [
                "DossierServer", "DossierStore", "DossierIngest", "DossierTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
    ]
)
