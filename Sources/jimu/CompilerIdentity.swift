import Crypto
import Foundation
import JimuCore

/// Who compiled: the version and a hash of this very executable. The build cache is keyed
/// by it, so a compiler rebuilt from changed sources (the version unchanged) never reuses
/// files an older one rendered.
enum CompilerIdentity {
    static var current: String {
        let executable = "/proc/self/exe"
        let path = FileManager.default.fileExists(atPath: executable) ? executable : CommandLine.arguments[0]
        guard let data = FileManager.default.contents(atPath: path) else {
            // Unreadable: a fresh identity each run, so nothing is ever wrongly reused.
            return "jimu \(JimuVersion.current) \(UUID().uuidString)"
        }
        return "jimu \(JimuVersion.current) \(Manifest.hex(SHA256.hash(data: data).prefix(16)))"
    }
}
