/// One output file: its path under the output folder and its bytes.
public struct Artifact: Sendable, Equatable {
    public var path: String
    public var contents: [UInt8]
    /// Set, with empty `contents`, when the file is the previous tree's file at the same
    /// path, unchanged: the build cache found nothing it depends on changed, so the writer
    /// links that file into the new tree instead of writing its bytes.
    public var unchangedSHA256: String?

    public init(path: String, text: String) {
        self.path = path
        self.contents = Array(text.utf8)
    }

    /// Bytes already encoded as UTF-8: no second copy of a large file.
    init(path: String, utf8: [UInt8]) {
        self.path = path
        self.contents = utf8
    }

    init(path: String, unchangedSHA256: String) {
        self.path = path
        self.contents = []
        self.unchangedSHA256 = unchangedSHA256
    }
}
