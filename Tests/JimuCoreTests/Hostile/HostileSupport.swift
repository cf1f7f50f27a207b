import Foundation
import JimuCore
import Testing

/// Catalogs for the hostile-input tests: the mini fixture with files replaced, added or
/// removed, checked in memory or from a folder on disk.
enum Hostile {
    /// The mini catalog with `files` laid over it and `removed` taken out.
    static func catalog(_ files: [String: [UInt8]] = [:], removing removed: [String] = []) -> [String: [UInt8]] {
        var all = CatalogFixtures.miniFiles()
        for path in removed { all[path] = nil }
        all.merge(files) { _, new in new }
        return all
    }

    /// A mini file as text, for editing.
    static func mini(_ path: String) -> String {
        String(decoding: CatalogFixtures.miniFiles()[path] ?? [], as: UTF8.self)
    }

    /// A mini file with `old` replaced by `new`; fails loudly when `old` is not in it, so an
    /// edit of the fixture cannot silently turn a case into a test of nothing.
    static func edit(_ path: String, _ old: String, _ new: String) -> [UInt8] {
        let text = mini(path)
        precondition(text.contains(old), "`\(old)` is not in mini/\(path)")
        return Array(text.replacingOccurrences(of: old, with: new).utf8)
    }

    /// `jimu.yaml` of the mini catalog with `limits:` settings added.
    static func config(limits: [String: Int]) -> [UInt8] {
        var text = mini("jimu.yaml")
        if !limits.isEmpty {
            text += "limits:\n" + limits.sorted { $0.key < $1.key }.map { "  \($0.key): \($0.value)\n" }.joined()
        }
        return Array(text.utf8)
    }

    /// A file no other file depends on (a calendar of a year nothing uses): breaking it
    /// gives the diagnostics of the break alone, with no knock-on reference errors.
    static let standalone = "calendar/2027.yaml"
    static let standaloneText = "year: 2027\nholidays: []\nworkdays: []\n"

    /// The codes of the errors and warnings, sorted, each as often as reported.
    static func codes(_ result: CheckResult) -> [DiagnosticCode] {
        result.diagnostics.filter { $0.severity >= .warning }.map(\.code).sorted { $0.rawValue < $1.rawValue }
    }

    /// Writes files into a new folder under the system's temporary folder, runs `body` on it
    /// and removes it.
    static func withFolder<T>(_ files: [String: [UInt8]], _ body: (URL) throws -> T) throws -> T {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("jimu-hostile-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let catalog = root.appendingPathComponent("catalog")
        for (path, bytes) in files {
            let url = catalog.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        return try body(catalog)
    }

    /// Seconds taken by `body`.
    static func timed<T>(_ body: () throws -> T) rethrows -> (T, Double) {
        let start = DispatchTime.now().uptimeNanoseconds
        let value = try body()
        return (value, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
}

/// A file system that remembers the most bytes any one read returned: a hostile file must be
/// refused without being read whole.
final class ReadCountingFileSystem<Base: CatalogFileSystem>: CatalogFileSystem, @unchecked Sendable {
    let base: Base
    private let lock = NSLock()
    private var largest = 0

    init(_ base: Base) { self.base = base }

    var largestRead: Int { lock.withLock { largest } }

    func listFiles() throws(CatalogIOError) -> [CatalogFileEntry] { try base.listFiles() }

    func read(_ path: String, limit: Int) throws(CatalogIOError) -> [UInt8] {
        let bytes = try base.read(path, limit: limit)
        lock.withLock { largest = max(largest, bytes.count) }
        return bytes
    }
}
