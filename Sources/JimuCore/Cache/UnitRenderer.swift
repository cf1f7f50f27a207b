/// How an emitter renders its per-item and per-bundle files: every unit on any core,
/// gathered in order (so the bytes are a serial build's), and from the build cache when the
/// unit did not change since the last build into the same folder.
public struct UnitRenderer: Sendable {
    let cache: BuildCache?

    public init(cache: BuildCache?) { self.cache = cache }

    /// Renders everything: tests, `--check`, `--no-cache`.
    public static let uncached = UnitRenderer(cache: nil)

    /// A unit the build must render and did not merge: only a rebuild that merged the edited
    /// items alone can meet it (when a cached unit it relied on is gone), and it then builds
    /// again from the whole catalog.
    public struct UnmergedUnit: Error, Sendable {
        public var unit: String
    }

    /// `value`, the part of `unit` an emitter renders from; `UnmergedUnit` when this build
    /// did not merge it.
    static func unmerged<Value>(_ unit: CompileUnit, _ value: Value?) throws -> Value {
        guard let value else { throw UnmergedUnit(unit: unit.name) }
        return value
    }

    /// The artifacts of each element's unit. `scope` names the emitter (a unit's guide and
    /// its schema are cached apart); `context` is whatever the emitter derives from the whole
    /// catalog that the files depend on beyond the unit's digest, such as generated type
    /// names; `render` must read nothing else that can change.
    ///
    /// `render` runs on several threads at once. The emitters' renderers only read the IR and
    /// immutable lookup tables built before (no state, no caches), which is what makes that
    /// safe without each of their helpers being `Sendable`; `make sanitize` runs the tests
    /// under the thread sanitizer to keep it so.
    func artifacts<Element: Sendable>(
        _ scope: String, _ elements: [Element], context: String = "", unit: @escaping (Element) -> CompileUnit,
        render: @escaping (Element) -> [Artifact]
    ) -> [Artifact] {
        nonisolated(unsafe) let unit = unit
        nonisolated(unsafe) let render = render
        cache?.note(scope: scope, context: context)
        return Parallel.map(elements) { element -> [Artifact] in
            let unit = unit(element)
            if let reused = cache?.reuse(scope: scope, unit: unit, context: context) { return reused }
            let artifacts = render(element)
            cache?.record(scope: scope, unit: unit, context: context, artifacts: artifacts)
            return artifacts
        }.flatMap { $0 }
    }

    /// Each element's part of a file every unit contributes to, on any core, in order: from
    /// the cache when the element's unit did not change, else `render`'s. The emitter writes
    /// them into the file with `Fragments.append`, which tells the cache where they went.
    func fragments<Element: Sendable>(
        _ scope: String, _ elements: [Element], unit: @escaping (Element) -> CompileUnit,
        render: @escaping (Element) throws -> [UInt8]
    ) throws -> Fragments {
        nonisolated(unsafe) let unit = unit
        nonisolated(unsafe) let render = render
        let parts = try Parallel.map(elements) { element -> Result<ArraySlice<UInt8>, any Error> in
            Result {
                guard let cache else { return try render(element)[...] }
                return try cache.fragment(scope: scope, unit: unit(element)) { try render(element) }
            }
        }.map { try $0.get() }
        return Fragments(parts: parts, scope: scope, units: cache == nil ? [] : elements.map(unit), cache: cache)
    }
}

/// The fragments of one output file, in element order. Written with `append`, so that the
/// cache learns where each one lies in the file and the next build reads an unchanged one
/// back from there instead of rendering it.
struct Fragments {
    let parts: [ArraySlice<UInt8>]
    fileprivate let scope: String
    fileprivate let units: [CompileUnit]
    fileprivate let cache: BuildCache?

    /// Appends every part to `file`, the text of output file `path` from its start (the
    /// offsets are of its UTF-8).
    func append(to file: inout String, path: String) {
        for (index, part) in parts.enumerated() {
            cache?.place(scope: scope, unit: units[index], path: path, offset: file.utf8.count, length: part.count)
            file += String(decoding: part, as: UTF8.self)
        }
    }
}
