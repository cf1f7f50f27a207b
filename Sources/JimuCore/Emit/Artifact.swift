/// One output file: its path under the output folder and its bytes.
public struct Artifact: Sendable, Equatable {
    public var path: String
    public var contents: [UInt8]

    public init(path: String, text: String) {
        self.path = path
        self.contents = Array(text.utf8)
    }
}
