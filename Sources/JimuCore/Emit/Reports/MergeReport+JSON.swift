import Foundation

/// The merge report and its items' reports written with `PrettyJSONWriter`: the bytes
/// `CanonicalJSON` gives them (keys in byte order, absent optionals left out), several times
/// faster, as they are tens of megabytes at province scale. A test compares the two on
/// hostile text; a member added to one of these types must be added here too, or that test
/// fails.
extension MergeReport {
    /// The UTF-8 of `CanonicalJSON.encode(self)`, byte for byte.
    public func canonicalJSON() -> [UInt8] {
        var w = PrettyJSONWriter(capacity: 64 * 1024)
        w.beginObject()
        w.key("items")
        w.array(items) { w, entry in entry.write(to: &w) }
        w.key("localities")
        w.array(localities) { w, locality in locality.write(to: &w) }
        w.key("rules")
        w.beginObject()
        for (name, meaning) in rules.sorted(by: { $0.key.precedesInByteOrder($1.key) }) {
            w.key(name)
            w.string(meaning)
        }
        w.endObject()
        w.key("tie_break")
        w.string(tieBreak)
        w.key("totals")
        totals.write(to: &w)
        w.endObject()
        return w.bytes + [UInt8(ascii: "\n")]
    }
}

extension MergeReport.ItemEntry {
    func write(to w: inout PrettyJSONWriter) {
        w.beginObject()
        w.key("code")
        w.string(code)
        w.key("department")
        w.string(department)
        w.key("frame_only")
        w.bool(frameOnly)
        w.key("key")
        w.string(key)
        w.key("name")
        name.write(to: &w)
        w.key("practices")
        w.int(practices)
        w.key("report")
        w.string(report)
        w.key("standard")
        standard.write(to: &w)
        w.key("statutory_limit")
        w.int(statutoryLimit)
        w.endObject()
    }
}

extension MergeReport.LocalityReport {
    func write(to w: inout PrettyJSONWriter) {
        w.beginObject()
        w.key("adopted")
        w.array(adopted) { w, adoption in
            w.beginObject()
            w.key("dimension")
            w.string(adoption.dimension)
            w.key("item")
            w.string(adoption.item)
            w.endObject()
        }
        w.key("code")
        w.string(code)
        w.key("name")
        name.write(to: &w)
        w.key("practices")
        w.int(practices)
        w.key("totals")
        totals.write(to: &w)
        w.endObject()
    }
}

extension MergeReport.ItemReport {
    /// The UTF-8 of `CanonicalJSON.encode(self)`, byte for byte: the item's own file.
    public func canonicalJSON() -> [UInt8] {
        var writer = PrettyJSONWriter(capacity: 16 * 1024)
        write(to: &writer)
        return writer.bytes + [UInt8(ascii: "\n")]
    }

    func write(to w: inout PrettyJSONWriter) {
        w.beginObject()
        w.key("added_back")
        w.strings(addedBack)
        w.key("code")
        w.string(code)
        w.key("decisions")
        w.array(decisions) { w, decision in decision.write(to: &w) }
        w.key("department")
        w.string(department)
        w.key("frame_only")
        w.bool(frameOnly)
        w.key("key")
        w.string(key)
        w.key("localities")
        w.array(localities) { w, comparison in comparison.write(to: &w) }
        w.key("name")
        name.write(to: &w)
        w.key("shared_fields")
        w.array(sharedFields) { w, sharing in sharing.write(to: &w) }
        w.key("shared_materials")
        w.array(sharedMaterials) { w, sharing in sharing.write(to: &w) }
        w.key("standard")
        standard.write(to: &w)
        w.key("statutory_limit")
        w.int(statutoryLimit)
        w.endObject()
    }
}

extension MergeReport.Decision {
    func write(to w: inout PrettyJSONWriter) {
        w.beginObject()
        w.key("alternatives")
        w.array(alternatives) { w, alternative in alternative.write(to: &w) }
        w.key("dimension")
        w.string(dimension)
        if let locality {
            w.key("locality")
            w.string(locality)
        }
        w.key("rule")
        w.string(rule)
        w.key("source")
        w.string(source)
        w.key("value")
        w.string(value)
        w.endObject()
    }
}

extension Alternative {
    func write(to w: inout PrettyJSONWriter) {
        w.beginObject()
        w.key("file")
        w.string(file)
        w.key("line")
        w.int(line)
        w.key("locality")
        w.string(locality)
        w.key("value")
        w.string(value)
        w.endObject()
    }
}

extension MergeReport.Sharing {
    func write(to w: inout PrettyJSONWriter) {
        w.beginObject()
        w.key("at")
        w.string(at)
        w.key("id")
        w.string(id)
        if let locality {
            w.key("locality")
            w.string(locality)
        }
        w.key("source")
        w.string(source)
        w.endObject()
    }
}

extension MergeReport.LocalityComparison {
    func write(to w: inout PrettyJSONWriter) {
        w.beginObject()
        w.key("before")
        before.write(to: &w)
        w.key("file")
        w.string(file)
        w.key("locality")
        w.string(locality)
        w.key("must_change")
        w.strings(mustChange)
        w.key("name")
        w.string(name)
        w.key("reductions")
        reductions.write(to: &w)
        w.endObject()
    }
}

extension PracticeMeasures {
    func write(to w: inout PrettyJSONWriter) {
        w.beginObject()
        w.key("fields")
        w.int(fields)
        w.key("hand_filled_fields")
        w.int(handFilledFields)
        w.key("materials")
        w.int(materials)
        if let promisedLimit {
            w.key("promised_limit")
            w.int(promisedLimit)
        }
        w.key("steps")
        w.int(steps)
        w.key("submitted_materials")
        w.int(submittedMaterials)
        if let visits {
            w.key("visits")
            w.int(visits)
        }
        w.endObject()
    }
}

extension Reductions {
    func write(to w: inout PrettyJSONWriter) {
        w.beginObject()
        w.key("days")
        days.write(to: &w)
        w.key("hand_filled_fields")
        handFilledFields.write(to: &w)
        w.key("steps")
        steps.write(to: &w)
        w.key("submitted_materials")
        submittedMaterials.write(to: &w)
        if let visits {
            w.key("visits")
            visits.write(to: &w)
        }
        w.endObject()
    }
}

extension Reduction {
    func write(to w: inout PrettyJSONWriter) {
        w.beginObject()
        w.key("after")
        w.int(after)
        w.key("before")
        w.int(before)
        if let percent {
            w.key("percent")
            w.figure(percent)
        }
        w.key("removed")
        w.int(removed)
        w.endObject()
    }
}

extension LocalizedText {
    func write(to w: inout PrettyJSONWriter) {
        w.beginObject()
        if let en {
            w.key("en")
            w.string(en)
        }
        w.key("zh")
        w.string(zh)
        w.endObject()
    }
}
