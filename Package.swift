// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Jimu",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "jimu", targets: ["jimu"]),
        .library(name: "JimuCore", targets: ["JimuCore"]),
    ],
    dependencies: [
        // The command line: subcommands, options, help and exit codes.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // libyaml from Debian's libyaml-dev; only JimuYAML imports it.
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        // YAML reader: libyaml events to a flat, located document tree.
        .target(name: "JimuYAML", dependencies: ["CYAML"]),
        // The compiler: diagnostics, source model, decoding, checks, IR.
        .target(name: "JimuCore", dependencies: ["JimuYAML"]),
        // The command line, thin over JimuCore.
        .executableTarget(
            name: "jimu",
            dependencies: [
                "JimuCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "JimuYAMLTests", dependencies: ["JimuYAML"]),
        .testTarget(
            name: "JimuCoreTests",
            dependencies: ["JimuCore", "JimuYAML"],
            resources: [.copy("Fixtures")]
        ),
    ]
)
