/// Finds the likely intended name for a misspelt one: the basis of every "did you mean".
public enum Suggestion {
    /// The candidate closest to `name` by edit distance over Unicode scalars (so Chinese
    /// labels count one per character), if it is close enough to be a plausible typo:
    /// at most a third of the longer name's length, and at least one edit allowed.
    public static func closest<S: Sequence>(to name: String, among candidates: S) -> String?
    where S.Element == String {
        let target = Array(name.unicodeScalars)
        var best: (distance: Int, candidate: String)?
        for candidate in candidates where candidate != name {
            let scalars = Array(candidate.unicodeScalars)
            let allowed = max(1, max(target.count, scalars.count) / 3)
            if abs(scalars.count - target.count) > allowed { continue }
            let distance = editDistance(target, scalars, limit: allowed)
            guard distance <= allowed else { continue }
            if let current = best,
                (current.distance, current.candidate) <= (distance, candidate)
            {
                continue
            }
            best = (distance, candidate)
        }
        return best?.candidate
    }

    /// Edit distance counting a swap of two neighbours as one edit (optimal string
    /// alignment), since `nmae` for `name` is the commonest typo of all; stops early once
    /// every path exceeds `limit`.
    static func editDistance(
        _ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int
    ) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    best = min(best, beforePrevious[j - 2] + 1)
                }
                current[j] = best
                rowMinimum = min(rowMinimum, best)
            }
            if rowMinimum > limit { return rowMinimum }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[b.count]
    }
}
