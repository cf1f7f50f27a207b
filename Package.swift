// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Jimu",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "jimu", targets: ["jimu"]),
        .library(name: "JimuCore", targets: ["JimuCore"]),
        .library(name: "JimuYAML", targets: ["JimuYAML"]),
    ],
    dependencies: [
        // The command line: subcommands, options, help and exit codes.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // SHA-256 of every output file and of the catalog, for the manifest and the cache.
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // Mustache templates of the guides and the site, which a catalog can override in
        // `catalog/templates/`: logic-less, so an override cannot run code.
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
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
        // The runtime of the generated Swift validation module (JSON reader, portable
        // regular expressions, standard checks). Compiled and tested here; the Swift emitter
        // copies its sources into generated/swift, and `jimu validate` uses it directly.
        .target(name: "JimuFormsRuntime"),
        // renameat2(RENAME_EXCHANGE), which Swift's Glibc module does not expose: the
        // atomic switch of the whole output folder.
        .target(name: "CJimuShims"),
        // The compiler: diagnostics, source model, decoding, merge, bundles, IR, emitters.
        .target(
            name: "JimuCore",
            dependencies: [
                "JimuYAML", "CJimuShims", "JimuFormsRuntime",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        // The command line, thin over JimuCore.
        .executableTarget(
            name: "jimu",
            dependencies: [
                "JimuCore", "JimuFormsRuntime",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            // mimalloc (Debian's libmimalloc-dev, which `make deps` installs) in place of
            // glibc's malloc, in the release build: a province build makes tens of millions
            // of small allocations, and glibc's took an eighth of its CPU; with mimalloc a
            // cold build is about 0.7 s faster. Linking it is enough: it exports malloc and
            // free. Debug builds (the tests, the thread sanitizer) keep the system allocator.
            linkerSettings: [.linkedLibrary("mimalloc", .when(platforms: [.linux], configuration: .release))]
        ),
        .testTarget(name: "JimuYAMLTests", dependencies: ["JimuYAML"]),
        .testTarget(
            name: "JimuCoreTests",
            dependencies: ["JimuCore", "JimuYAML", "JimuFormsRuntime"],
            exclude: ["Golden"],
            resources: [.copy("Fixtures")]
        ),
    ]
)
