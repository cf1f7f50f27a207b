import JimuYAML

extension DocumentReader {
    /// The tags a catalog may carry: the YAML 1.2 core ones, which only restate a type.
    /// Any other tag (`!!python/object`, `!include`) asks a loader to do something Jimu
    /// never does, so it is refused rather than ignored.
    static let acceptedTags: Set<String> = [
        "!", "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
        "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:map",
        "tag:yaml.org,2002:seq", "!!str", "!!int", "!!float", "!!bool", "!!null", "!!map", "!!seq",
    ]

    /// Reports every unsupported tag in the document, visiting each node once even where
    /// aliases share it.
    func checkTags(from root: YAMLNodeID) {
        guard document.hasTags else { return }
        var seen: Set<YAMLNodeID> = []
        var pending = [root]
        while let node = pending.popLast() {
            guard seen.insert(node).inserted else { continue }
            if let tag = document.tag(of: node), !Self.acceptedTags.contains(tag) {
                diagnostics.report(.unsupportedTag, "the tag `\(tag)` is not supported in a catalog", at: location(node))
            }
            switch document.kind(of: node) {
            case .scalar: break
            case .sequence: pending.append(contentsOf: document.items(of: node))
            case .mapping:
                for (key, value) in document.entries(of: node) {
                    pending.append(key)
                    pending.append(value)
                }
            }
        }
    }
}
