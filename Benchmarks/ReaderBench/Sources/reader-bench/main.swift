import BenchSupport
import Dispatch
import JimuYAML

/// Jimu's reader (`YAMLReader.parse`, libyaml events to the located node array) over every
/// file: on one thread, then over every core with `DispatchQueue.concurrentPerform`.
/// Prints one JSON object: files, bytes, nodes, cores, and the wall and CPU seconds of each
/// timed pass (CPU over wall: how many cores a pass kept busy).

func parse(_ bytes: [UInt8]) -> Int {
    do {
        return try YAMLReader.parse(bytes).nodeCount
    } catch {
        fail("reader-bench: \(error)")
    }
}

func serialPass(_ files: [[UInt8]]) -> Int {
    var nodes = 0
    for file in files { nodes &+= parse(file) }
    return nodes
}

/// Files in contiguous chunks, many more chunks than cores, so that the dispatch pool
/// balances the load; each chunk writes its own slot, so no locking.
func parallelPass(_ files: [[UInt8]], cores: Int) -> Int {
    let chunkSize = max(1, files.count / (cores * 32))
    let chunks = (files.count + chunkSize - 1) / chunkSize
    nonisolated(unsafe) let counts = UnsafeMutableBufferPointer<Int>.allocate(capacity: chunks)
    counts.initialize(repeating: 0)
    defer { counts.deallocate() }
    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
        var nodes = 0
        for index in chunk * chunkSize..<min(files.count, (chunk + 1) * chunkSize) { nodes &+= parse(files[index]) }
        counts[chunk] = nodes
    }
    return counts.reduce(0, &+)
}

let input = BenchInput.fromCommandLine()
let cores = activeCores
// One untimed pass of each warms the allocator and the caches.
let nodes = serialPass(input.files)
guard parallelPass(input.files, cores: cores) == nodes else { fail("reader-bench: parallel pass disagrees") }

var serial: [Double] = []
var parallel: [Double] = []
var serialCPU: [Double] = []
var parallelCPU: [Double] = []
for _ in 0..<input.runs {
    let one = wallAndCPU { precondition(serialPass(input.files) == nodes) }
    let all = wallAndCPU { precondition(parallelPass(input.files, cores: cores) == nodes) }
    serial.append(one.wall)
    serialCPU.append(one.cpu)
    parallel.append(all.wall)
    parallelCPU.append(all.cpu)
}
printJSON([
    ("files", input.files.count), ("bytes", input.totalBytes), ("nodes", nodes), ("cores", cores),
    ("serial", serial), ("parallel", parallel), ("serial_cpu", serialCPU), ("parallel_cpu", parallelCPU),
])
