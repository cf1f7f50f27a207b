import BenchSupport
import Yams

/// Yams (`Yams.compose(yaml:)`, a node tree over its own copy of libyaml) over every file, on
/// one thread. Yams takes a String: the bytes are decoded before the timing starts.
/// Prints one JSON object: files, bytes and the seconds of each timed pass.

func composePass(_ texts: [String]) -> Int {
    var roots = 0
    for text in texts {
        do {
            if try Yams.compose(yaml: text) != nil { roots += 1 }
        } catch {
            fail("yams-bench: \(error)")
        }
    }
    return roots
}

let input = BenchInput.fromCommandLine()
let texts = input.files.map { String(decoding: $0, as: UTF8.self) }
let roots = composePass(texts)  // untimed warm-up
var passes: [Double] = []
for _ in 0..<input.runs {
    passes.append(seconds { precondition(composePass(texts) == roots) })
}
printJSON([("files", input.files.count), ("bytes", input.totalBytes), ("roots", roots), ("compose", passes)])
