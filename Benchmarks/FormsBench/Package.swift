// swift-tools-version: 6.0
// The generated validation module's speed, outside the generated package: this package
// depends on generated/swift by path and is built in release mode by `make bench`
// (scripts/bench_forms.py), which feeds it the same submissions it gives jsonschema and
// jsonschema-rs.
import PackageDescription

let package = Package(
    name: "FormsBench",
    dependencies: [
        .package(path: "../../generated/swift")
    ],
    targets: [
        .executableTarget(
            name: "FormsBench",
            dependencies: [.product(name: "JimuForms", package: "swift")]
        )
    ]
)
