import JimuYAML

extension DocumentReader {
    /// `localities/<code>-<slug>/locality.yaml`; the code must equal the folder's prefix.
    func decodeLocality(root: YAMLNodeID, folder: String) -> Locality? {
        guard let map = mapping(root, what: "locality", keys: ["code", "name", "level", "parent"]) else { return nil }
        let code = map.required("code").flatMap { name($0, what: "locality code", syntax: .divisionCode) }
        let title = map.required("name").flatMap { text($0, what: "locality name") }
        let level: Located<GovernmentLevel>? = map.required("level").flatMap { choice($0, what: "locality level") }
        let parent = map["parent"].flatMap { name($0, what: "parent code", syntax: .divisionCode) }
        if let level, level.value == .province || level.value == .township {
            diagnostics.report(.invalidValue, "a locality is a city or a county, not a \(level.value.rawValue)", at: level.location)
        }
        if let code {
            let prefix = folder.split(separator: "-", maxSplits: 1).first.map(String.init) ?? folder
            if prefix != code.value {
                diagnostics.report(
                    .nameMismatch, "locality code `\(code.value)` does not match its folder `\(folder)`",
                    at: code.location, fix: .init("name the folder `\(code.value)-…`"))
            }
        }
        guard let code, let title, let level else { return nil }
        return Locality(file: file, folder: folder, code: code, name: title, level: level, parent: parent)
    }

    /// `bundles/<key>.yaml`.
    func decodeBundle(root: YAMLNodeID, fileKey: String) -> ServiceBundle? {
        guard
            let map = mapping(
                root, what: "bundle",
                keys: ["key", "name", "lead_department", "items", "promised_limit", "effective", "description"])
        else { return nil }
        let key = map.required("key").flatMap { name($0, what: "bundle key", syntax: .key) }
        if let key, key.value != fileKey {
            diagnostics.report(
                .nameMismatch, "bundle key `\(key.value)` does not match its file name `\(fileKey).yaml`",
                at: key.location, fix: .init("write `key: \(fileKey)` or rename the file", replacement: fileKey))
        }
        let title = map.required("name").flatMap { text($0, what: "bundle name") }
        let lead = map["lead_department"].flatMap { name($0, what: "department id", syntax: .plainID) }
        let items = map.required("items").map { names($0, what: "bundle item key", syntax: .key) } ?? []
        if let node = map["items"], document.kind(of: node) == .sequence {
            if document.count(of: node) == 0 {
                diagnostics.report(.emptyBundle, "bundle lists no items; a \"one thing\" needs at least two", at: location(node))
            } else if document.count(of: node) > limits.maxBundleItems {
                diagnostics.report(
                    .bundleTooLarge,
                    "bundle has \(document.count(of: node)) items, over the limit of \(limits.maxBundleItems) "
                        + "(raise `limits.max_bundle_items` in jimu.yaml)",
                    at: location(node))
            }
        }
        let limit = map.required("promised_limit").flatMap {
            integer($0, what: "promised_limit (working days)", range: 0...3650)
        }
        let effective = map["effective"].flatMap { date($0, what: "effective") }
        let description = map["description"].flatMap { text($0, what: "description") }
        guard let key, let title, let limit else { return nil }
        return ServiceBundle(
            file: file, key: key, name: title, leadDepartment: lead, items: items, promisedLimit: limit,
            effective: effective, description: description)
    }
}
