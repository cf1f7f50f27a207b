// swift-tools-version: 6.1
// libFuzzer targets for Jimu, kept out of the main package: they build only with
// `--sanitize=fuzzer` (libFuzzer supplies `main`). `make fuzz` builds and runs them:
//
//   swift build -c release --package-path Fuzz --scratch-path .build-fuzz \
//       --sanitize=fuzzer --sanitize=address
//
// The harness (Sources/FuzzHarness/FuzzHarness.swift) is a symbolic link to the one of the
// regression tests that replay every input the fuzzers found (Tests/JimuCoreTests/Hostile).
import Foundation
import PackageDescription

// A path dependency is named after its folder, whatever a clone of the repository is called.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let jimu = root.lastPathComponent

let package = Package(
    name: "JimuFuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(path: "..")],
    targets: [
        .target(
            name: "FuzzHarness",
            dependencies: [
                .product(name: "JimuCore", package: jimu),
                .product(name: "JimuYAML", package: jimu),
            ]
        ),
        // (a) The YAML reader over raw bytes.
        .executableTarget(name: "fuzz-yaml", dependencies: ["FuzzHarness"]),
        // (b) The whole pipeline over the mini catalog with files replaced from the input.
        .executableTarget(name: "fuzz-catalog", dependencies: ["FuzzHarness"]),
        // (c) The condition-expression parser.
        .executableTarget(name: "fuzz-condition", dependencies: ["FuzzHarness"]),
    ]
)
