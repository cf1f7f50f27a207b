// swift-tools-version: 6.1
// Reader throughput for `make bench` (scripts/bench.py): Jimu's YAML reader on one thread and
// on every core, and Yams over the same files. Kept out of the root package so that
// `swift build` and `make test` never fetch Yams. Two executables, because Yams vendors its
// own copy of libyaml, whose symbols would clash with Debian's libyaml that JimuYAML links.
import Foundation
import PackageDescription

// SwiftPM names a path dependency after its folder (`main`, `jimu`, whatever the clone is
// called), so derive it instead of spelling it.
let repository = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let jimu = repository.lastPathComponent.lowercased()

let package = Package(
    name: "ReaderBench",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: "../.."),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
    ],
    targets: [
        .target(name: "BenchSupport"),
        .executableTarget(
            name: "reader-bench",
            dependencies: ["BenchSupport", .product(name: "JimuYAML", package: jimu)]
        ),
        .executableTarget(
            name: "yams-bench",
            dependencies: ["BenchSupport", .product(name: "Yams", package: "Yams")]
        ),
    ]
)
