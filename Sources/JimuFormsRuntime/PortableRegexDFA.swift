/// A deterministic automaton for a `PortableRegex`, built once when the pattern is compiled,
/// so a search reads each scalar of the text once, with one table lookup: the forms' checks
/// search every patterned value of every submission. Built by the subset construction over
/// the pattern's program; a pattern whose automaton would grow beyond `maxCells` (or take
/// more than `maxSteps` to build) gets none, and is searched by the backtracking machine.
///
/// Scalars fall into classes that no instruction tells apart (the boundaries of the
/// pattern's literals and ranges cut the code space), so the table has a column per class,
/// not per scalar. A search starts anywhere: every state also holds the program's start (a
/// leading `^` then only passes at the first scalar).
struct PortableRegexDFA: Sendable {
    /// The class of each ASCII scalar.
    private let asciiClasses: [UInt16]
    /// Class `k` holds the scalars from `cuts[k]` up to `cuts[k + 1]` (excluded).
    private let cuts: [UInt32]
    private let classCount: Int
    /// The next state per state and class: `state * classCount + class`; `Self.accept` or
    /// `Self.dead` once the search is decided.
    private let transitions: [Int32]
    /// Per state: whether a match ends here when the text ends here (`$` passes).
    private let acceptsAtEnd: [Bool]
    private let start: Int32

    static let accept: Int32 = -1
    static let dead: Int32 = -2

    /// A table larger than this (states × classes) is not built…
    static let maxCells = 1 << 18
    /// … nor one whose construction would take more steps than this.
    static let maxSteps = 1 << 22

    init?(program: [PortableRegex.Op], sets: [[ClosedRange<UInt32>]]) {
        var points: Set<UInt32> = [0]
        for op in program {
            switch op {
            case .scalar(let c):
                points.insert(c)
                points.insert(c + 1)
            case .set(let index, _):
                for range in sets[index] {
                    points.insert(range.lowerBound)
                    points.insert(range.upperBound + 1)
                }
            default:
                break
            }
        }
        let cuts = points.filter { $0 <= 0x10FFFF }.sorted()
        guard cuts.count <= Int(UInt16.max) else { return nil }
        let classCount = cuts.count

        /// Whether the instruction at `pc` consumes the scalars of class `k`.
        func consumes(_ pc: Int, _ k: Int) -> Bool {
            let scalar = cuts[k]  // every scalar of the class behaves as its first
            switch program[pc] {
            case .scalar(let c): return c == scalar
            case .set(let index, let negated): return sets[index].contains { $0.contains(scalar) } != negated
            default: return false
            }
        }

        /// The instructions reachable from `seeds` without consuming: those that consume
        /// (and the `$` that wait for the end), sorted; and whether `match` is reached.
        var steps = 0
        func closure(_ seeds: [Int], atStart: Bool, atEnd: Bool) -> (kernel: [Int], matched: Bool) {
            var visited = Set<Int>()
            var stack = seeds
            var kernel: [Int] = []
            var matched = false
            while let pc = stack.popLast() {
                guard visited.insert(pc).inserted else { continue }
                steps += 1
                switch program[pc] {
                case .scalar, .set: kernel.append(pc)
                case .start: if atStart { stack.append(pc + 1) }
                case .end: if atEnd { stack.append(pc + 1) } else { kernel.append(pc) }
                case .split(let first, let second): stack += [second, first]
                case .jump(let target): stack.append(target)
                case .match: matched = true
                }
            }
            return (kernel.sorted(), matched)
        }

        struct Key: Hashable {
            var kernel: [Int]
            /// The state at the first scalar, where `^` passes, is kept apart.
            var initial: Bool
        }
        var states: [Key] = []
        var numbers: [Key: Int32] = [:]
        func state(_ key: Key) -> Int32 {
            if let number = numbers[key] { return number }
            let number = Int32(states.count)
            states.append(key)
            numbers[key] = number
            return number
        }

        let first = closure([0], atStart: true, atEnd: false)
        let start = first.matched ? Self.accept : state(Key(kernel: first.kernel, initial: true))
        var transitions: [Int32] = []
        var acceptsAtEnd: [Bool] = []
        var next = 0
        while next < states.count {
            guard (states.count + 1) * classCount <= Self.maxCells, steps <= Self.maxSteps else { return nil }
            let key = states[next]
            next += 1
            let waiting = key.kernel.filter { if case .end = program[$0] { true } else { false } }
            acceptsAtEnd.append(closure(waiting, atStart: key.initial, atEnd: true).matched)
            for k in 0..<classCount {
                // The search may also begin at the next scalar: the program's start joins.
                let seeds = key.kernel.filter { consumes($0, k) }.map { $0 + 1 } + [0]
                let (kernel, matched) = closure(seeds, atStart: false, atEnd: false)
                transitions.append(matched ? Self.accept : kernel.isEmpty ? Self.dead : state(Key(kernel: kernel, initial: false)))
            }
        }

        var asciiClasses = [UInt16](repeating: 0, count: 128)
        for scalar in 0..<128 {
            asciiClasses[scalar] = UInt16(Self.classOf(UInt32(scalar), cuts))
        }
        self.asciiClasses = asciiClasses
        self.cuts = cuts
        self.classCount = classCount
        self.transitions = transitions
        self.acceptsAtEnd = acceptsAtEnd
        self.start = start
    }

    /// The class of a scalar: the last cut at or below it.
    @inline(__always)
    private static func classOf(_ scalar: UInt32, _ cuts: [UInt32]) -> Int {
        var low = 0
        var high = cuts.count  // cuts[low] <= scalar < cuts[high] (past the end: beyond all)
        while high - low > 1 {
            let middle = (low + high) / 2
            if cuts[middle] <= scalar { low = middle } else { high = middle }
        }
        return low
    }

    /// Whether the pattern matches anywhere in the text of these well-formed UTF-8 bytes (a
    /// Swift string's, so every sequence is whole).
    func search(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        // The tables are read through their buffers: every state the table holds has a row
        // of `classCount` entries, and every class is below `classCount`, by construction.
        transitions.withUnsafeBufferPointer { transitions in
            asciiClasses.withUnsafeBufferPointer { asciiClasses in
                var state = start
                var index = 0
                let count = text.count
                let classCount = self.classCount
                while state >= 0 {
                    guard index < count else { return acceptsAtEnd[Int(state)] }
                    let lead = text[index]
                    let k: Int
                    if lead < 0x80 {
                        k = Int(asciiClasses[Int(lead)])
                        index += 1
                    } else {
                        var scalar: UInt32
                        let length: Int
                        if lead < 0xE0 {
                            scalar = UInt32(lead & 0x1F)
                            length = 2
                        } else if lead < 0xF0 {
                            scalar = UInt32(lead & 0x0F)
                            length = 3
                        } else {
                            scalar = UInt32(lead & 0x07)
                            length = 4
                        }
                        guard index + length <= count else { return false }  // not a whole sequence: not a Swift string's
                        for offset in 1..<length { scalar = scalar << 6 | UInt32(text[index + offset] & 0x3F) }
                        k = Self.classOf(scalar, cuts)
                        index += length
                    }
                    state = transitions[Int(state) &* classCount &+ k]
                }
                return state == Self.accept
            }
        }
    }
}
