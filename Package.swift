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
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .target(name: "DossierCore"),
        .target(name: "DossierText", dependencies: ["DossierCore"], resources: [.copy("Resources")]),
        .target(
            name: "DossierExtract",
            dependencies: ["DossierCore", "DossierText"],
            resources: [.copy("Resources")]
        ),
        .target(name: "DossierAnalysis", dependencies: ["DossierCore"], resources: [.copy("Resources")]),
        .executableTarget(
            name: "dossier",
            dependencies: [
                "DossierCore", "DossierText", "DossierExtract",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            resources: [.copy("Seed")]
        ),
        .testTarget(name: "DossierCoreTests", dependencies: ["DossierCore"]),
        .testTarget(name: "DossierTextTests", dependencies: ["DossierText"]),
        .testTarget(name: "DossierExtractTests", dependencies: ["DossierExtract"]),
        .testTarget(name: "DossierCLITests", dependencies: ["dossier"]),
        .testTarget(name: "DossierAnalysisTests", dependencies: ["DossierAnalysis"]),
    ]
)
