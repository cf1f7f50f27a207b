import Foundation

/// Each value of the snapshot written and read field by field, in declaration order.
extension CatalogSnapshot {
    func write(to w: inout SnapshotWriter) {
        w.string(Self.format)
        w.string(compiler)
        counts.writeCounts(to: &w)
        w.array(files) { w, file in file.write(to: &w) }
        w.optional(folders) { w, folders in w.array(folders.folders) { w, folder in folder.write(to: &w) } }
        w.array(items) { w, item in item.write(to: &w) }
        w.array(bundles) { w, bundle in bundle.write(to: &w) }
    }

    init(reading r: inout SnapshotReader) throws {
        guard try r.string() == Self.format else { throw SnapshotReader.Malformed() }
        compiler = try r.string()
        counts = try CheckSummary(countsReading: &r)
        files = try r.array { try File(reading: &$0) }
        folders = try r.optional { r in CatalogFolders(folders: try r.array { try CatalogFolders.Folder(reading: &$0) }) }
        items = try r.array { try Item(reading: &$0) }
        bundles = try r.array { try BundleSummary(reading: &$0) }
    }
}

extension CatalogSnapshot.File {
    func write(to w: inout SnapshotWriter) {
        w.string(path)
        w.string(sha256)
        w.optional(identity) { w, identity in identity.write(to: &w) }
    }

    init(reading r: inout SnapshotReader) throws {
        let path = try r.string()
        let sha256 = try r.string()
        self.init(path: path, identity: try r.optional { try SourceIdentity(reading: &$0) }, sha256: sha256)
    }
}

extension CatalogSnapshot.Item {
    func write(to w: inout SnapshotWriter) {
        summary.write(to: &w)
        w.strings(preconditions)
        w.strings(localFields)
    }

    init(reading r: inout SnapshotReader) throws {
        self.init(summary: try ItemSummary(reading: &r), preconditions: try r.strings(), localFields: try r.strings())
    }
}

extension CatalogFolders.Folder {
    func write(to w: inout SnapshotWriter) {
        w.string(path)
        w.int(Int(bitPattern: UInt(stamp.inode)))
        for time in [stamp.modified, stamp.changed] {
            w.int(Int(time.tv_sec))
            w.int(Int(time.tv_nsec))
        }
    }

    init(reading r: inout SnapshotReader) throws {
        let path = try r.string()
        let inode = UInt64(UInt(bitPattern: try r.int()))
        let modified = timespec(tv_sec: try r.int(), tv_nsec: try r.int())
        let changed = timespec(tv_sec: try r.int(), tv_nsec: try r.int())
        self.init(path: path, stamp: FolderStamp(inode: inode, modified: modified, changed: changed))
    }
}

extension SourceIdentity {
    func write(to w: inout SnapshotWriter) {
        file.write(to: &w)
        w.int(Int(changedSeconds))
        w.int(Int(changedNanoseconds))
        w.int(Int(bitPattern: UInt(device)))
    }

    init(reading r: inout SnapshotReader) throws {
        self.init(
            file: try FileIdentity(reading: &r), changedSeconds: Int64(try r.int()), changedNanoseconds: Int64(try r.int()),
            device: UInt64(UInt(bitPattern: try r.int())))
    }
}

extension FileIdentity {
    func write(to w: inout SnapshotWriter) {
        w.int(Int(size))
        w.int(Int(modifiedSeconds))
        w.int(Int(modifiedNanoseconds))
        w.int(Int(bitPattern: UInt(inode)))
        w.int(Int(mode))
    }

    init(reading r: inout SnapshotReader) throws {
        let size = Int64(try r.int())
        let modifiedSeconds = Int64(try r.int())
        let modifiedNanoseconds = Int64(try r.int())
        let inode = UInt64(UInt(bitPattern: try r.int()))
        guard let mode = UInt32(exactly: try r.int()) else { throw SnapshotReader.Malformed() }
        self.init(size: size, modifiedSeconds: modifiedSeconds, modifiedNanoseconds: modifiedNanoseconds, inode: inode, mode: mode)
    }
}

extension CheckSummary {
    /// The counts alone: a snapshot is saved only without diagnostics.
    func writeCounts(to w: inout SnapshotWriter) {
        for count in [files, items, localities, practices, bundles] { w.int(count) }
    }

    init(countsReading r: inout SnapshotReader) throws {
        self.init(
            files: try r.int(), items: try r.int(), localities: try r.int(), practices: try r.int(), bundles: try r.int(),
            diagnostics: [])
    }
}

extension LocalizedText {
    func write(to w: inout SnapshotWriter) {
        w.string(zh)
        w.optional(en) { $0.string($1) }
    }

    init(reading r: inout SnapshotReader) throws {
        self.init(zh: try r.string(), en: try r.optional { try $0.string() })
    }
}

extension SourceLocation {
    func write(to w: inout SnapshotWriter) {
        w.string(file)
        w.int(line)
        w.int(column)
    }

    init(reading r: inout SnapshotReader) throws {
        self.init(file: try r.string(), line: try r.int(), column: try r.int())
    }
}

extension PracticeMeasures {
    func write(to w: inout SnapshotWriter) {
        for count in [fields, handFilledFields, materials, submittedMaterials, steps] { w.int(count) }
        w.optional(promisedLimit) { $0.int($1) }
        w.optional(visits) { $0.int($1) }
    }

    init(reading r: inout SnapshotReader) throws {
        self.init(
            fields: try r.int(), handFilledFields: try r.int(), materials: try r.int(), submittedMaterials: try r.int(),
            steps: try r.int(), promisedLimit: try r.optional { try $0.int() }, visits: try r.optional { try $0.int() })
    }
}

extension ItemIndexEntry {
    func write(to w: inout SnapshotWriter) {
        w.string(key)
        w.string(code)
        name.write(to: &w)
        w.string(file)
        anchor.write(to: &w)
        w.string(department)
        w.string(level.rawValue)
        w.optional(visits) { $0.int($1) }
        w.int(promisedLimit)
    }

    init(reading r: inout SnapshotReader) throws {
        let key = try r.string()
        let code = try r.string()
        let name = try LocalizedText(reading: &r)
        let file = try r.string()
        let anchor = try SourceLocation(reading: &r)
        let department = try r.string()
        guard let level = GovernmentLevel(rawValue: try r.string()) else { throw SnapshotReader.Malformed() }
        self.init(
            key: key, code: code, name: name, file: file, anchor: anchor, department: department, level: level,
            visits: try r.optional { try $0.int() }, promisedLimit: try r.int())
    }
}

extension FormSummary {
    func write(to w: inout SnapshotWriter) {
        w.array(patterns) { w, use in
            w.string(use.pattern)
            w.string(use.field)
            use.location.write(to: &w)
        }
        w.strings(codeLists)
    }

    init(reading r: inout SnapshotReader) throws {
        self.init(
            patterns: try r.array { r in
                PatternUse(pattern: try r.string(), field: try r.string(), location: try SourceLocation(reading: &r))
            },
            codeLists: try r.strings())
    }
}

extension ItemSummary {
    func write(to w: inout SnapshotWriter) {
        index.write(to: &w)
        w.int(statutoryLimit)
        w.bool(fullyOnline)
        w.array(materialNames) { w, name in name.write(to: &w) }
        standard.write(to: &w)
        w.array(practices) { w, practice in
            w.string(practice.locality)
            practice.measures.write(to: &w)
            w.bool(practice.fullyOnline)
        }
        w.array(credits) { w, credit in
            w.string(credit.locality)
            w.string(credit.dimension)
        }
        form.write(to: &w)
    }

    init(reading r: inout SnapshotReader) throws {
        self.init(
            index: try ItemIndexEntry(reading: &r), statutoryLimit: try r.int(), fullyOnline: try r.bool(),
            materialNames: try r.array { try LocalizedText(reading: &$0) },
            standard: try PracticeMeasures(reading: &r),
            practices: try r.array { r in
                PracticeSummary(locality: try r.string(), measures: try PracticeMeasures(reading: &r), fullyOnline: try r.bool())
            },
            credits: try r.array { r in Credit(locality: try r.string(), dimension: try r.string()) },
            form: try FormSummary(reading: &r))
    }
}

extension BundleIndexEntry {
    func write(to w: inout SnapshotWriter) {
        w.string(key)
        name.write(to: &w)
        w.string(file)
        anchor.write(to: &w)
        w.strings(items)
        w.int(promisedLimit)
    }

    init(reading r: inout SnapshotReader) throws {
        self.init(
            key: try r.string(), name: try LocalizedText(reading: &r), file: try r.string(),
            anchor: try SourceLocation(reading: &r), items: try r.strings(), promisedLimit: try r.int())
    }
}

extension BundleSummary {
    func write(to w: inout SnapshotWriter) {
        index.write(to: &w)
        w.array(materialNames) { w, name in name.write(to: &w) }
        report.write(to: &w)
        form.write(to: &w)
    }

    init(reading r: inout SnapshotReader) throws {
        self.init(
            index: try BundleIndexEntry(reading: &r), materialNames: try r.array { try LocalizedText(reading: &$0) },
            report: try BundleReport.Entry(reading: &r), form: try FormSummary(reading: &r))
    }
}

extension BundleReport.Entry {
    func write(to w: inout SnapshotWriter) {
        w.string(key)
        name.write(to: &w)
        w.int(promisedLimit)
        w.strings(items)
        for count in [separate.handFilledFields, separate.submittedMaterials, bundle.handFilledFields, bundle.submittedMaterials] {
            w.int(count)
        }
        for reduction in [fieldReduction, materialReduction] {
            w.int(reduction.before)
            w.int(reduction.after)
        }
        w.array(removed) { w, removal in
            for text in [removal.kind, removal.id, removal.item, removal.reason, removal.detail] { w.string(text) }
        }
        w.array(stages) { w, stage in
            w.strings(stage.items)
            w.strings(stage.departments)
        }
        w.strings(criticalPath)
        w.int(totalWorkingDays)
    }

    init(reading r: inout SnapshotReader) throws {
        self.init(
            key: try r.string(), name: try LocalizedText(reading: &r), promisedLimit: try r.int(), items: try r.strings(),
            separate: BundleReport.Burden(handFilledFields: try r.int(), submittedMaterials: try r.int()),
            bundle: BundleReport.Burden(handFilledFields: try r.int(), submittedMaterials: try r.int()),
            fieldReduction: Reduction(before: try r.int(), after: try r.int()),
            materialReduction: Reduction(before: try r.int(), after: try r.int()),
            removed: try r.array { r in
                BundleReport.Removal(
                    kind: try r.string(), id: try r.string(), item: try r.string(), reason: try r.string(), detail: try r.string())
            },
            stages: try r.array { r in BundleReport.Stage(items: try r.strings(), departments: try r.strings()) },
            criticalPath: try r.strings(), totalWorkingDays: try r.int())
    }
}
