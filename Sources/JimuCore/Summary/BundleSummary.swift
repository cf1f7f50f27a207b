/// What the province-wide outputs read of one bundle (see `CatalogSummary`).
public struct BundleSummary: Sendable, Equatable {
    public var index: BundleIndexEntry
    /// The bundle's own materials' names, which the site's search reads.
    public var materialNames: [LocalizedText]
    /// The bundle's entry of `reports/bundles.json`.
    public var report: BundleReport.Entry
    public var form: FormSummary

    public var key: String { index.key }

    public init(index: BundleIndexEntry, materialNames: [LocalizedText], report: BundleReport.Entry, form: FormSummary) {
        self.index = index
        self.materialNames = materialNames
        self.report = report
        self.form = form
    }

    init(_ bundle: StandardBundle, codeLists: [String: CodeList]) {
        index = BundleIndexEntry(bundle)
        materialNames = bundle.materials.map(\.name)
        report = BundleReport.Entry(bundle)
        form = FormSummary(bundle.form, codeLists: codeLists)
    }
}

/// What an index shows of a bundle, and where its name is written.
public struct BundleIndexEntry: Sendable, Equatable {
    public var key: String
    public var name: LocalizedText
    public var file: String
    public var anchor: SourceLocation
    public var items: [String]
    public var promisedLimit: Int

    public init(key: String, name: LocalizedText, file: String, anchor: SourceLocation, items: [String], promisedLimit: Int) {
        self.key = key
        self.name = name
        self.file = file
        self.anchor = anchor
        self.items = items
        self.promisedLimit = promisedLimit
    }

    init(_ bundle: StandardBundle) {
        self.init(
            key: bundle.key, name: bundle.bundle.name, file: bundle.bundle.file, anchor: bundle.bundle.key.location,
            items: bundle.items, promisedLimit: bundle.bundle.promisedLimit.value)
    }
}
