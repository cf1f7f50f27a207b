/// Values a command keeps until the process exits instead of freeing them: a province's IR
/// and outputs are millions of objects, and freeing them one by one takes longer (about half
/// a second) than the exit, which returns the memory at once.
enum KeptUntilExit {
    nonisolated(unsafe) private static var values: [Any] = []

    static func keep(_ value: Any) { values.append(value) }
}
