/// The compiler's version: in SARIF output, the manifest and the build cache key.
public enum JimuVersion {
    public static let current = "0.1.0"
}
