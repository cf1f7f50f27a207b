import JimuYAML

/// The result of reading and decoding a catalog folder.
public struct DecodedCatalog: Sendable {
    public var catalog: SourceCatalog
    public var diagnostics: [Diagnostic]
    /// The bytes of every file read, for drawing source lines under diagnostics.
    public var sources: [String: [UInt8]]
    public var fileCount: Int
    /// The bytes of the guide template overrides under `templates/`, by path: not YAML, so
    /// not decoded here; the guide emitter checks and uses them.
    public var templates: [String: [UInt8]] = [:]
}

/// Load and Decode: lists the catalog, reads and parses each YAML file, and decodes it into
/// the located source model. Recoverable problems become diagnostics; only a failure to read
/// the catalog folder itself is thrown.
public enum CatalogDecoder {
    public static func decode(_ fileSystem: some CatalogFileSystem) throws(CatalogIOError) -> DecodedCatalog {
        let entries = try fileSystem.listFiles()
        let collector = DiagnosticCollector()
        var catalog = SourceCatalog()
        var sources: [String: [UInt8]] = [:]
        var templates: [String: [UInt8]] = [:]

        // jimu.yaml first: its limits bound the reading of every other file.
        var limits = CatalogLimits()
        if entries.contains(where: { $0.path == "jimu.yaml" && !$0.escapesRoot }) {
            if let (reader, root) = open("jimu.yaml", fileSystem, limits, collector, &sources) {
                catalog.config = reader.decodeConfig(root: root)
                limits = catalog.config?.limits ?? limits
            }
        } else {
            collector.report(
                .missingFile, "the catalog has no jimu.yaml; every catalog starts with one",
                at: nil)
        }

        let documents = entries.filter { CatalogFileKind(path: $0.path).isCatalogDocument }
        if documents.count > limits.maxFiles {
            collector.report(
                .tooManyFiles,
                "the catalog has \(documents.count) YAML files, over the limit of \(limits.maxFiles) "
                    + "(raise `limits.max_files` in jimu.yaml)",
                at: nil)
        }
        for entry in entries where entry.path != "jimu.yaml" {
            let kind = CatalogFileKind(path: entry.path)
            if entry.escapesRoot {
                collector.report(
                    .pathEscape, "`\(entry.path)` is a link to a place outside the catalog; it was not read",
                    at: .start(of: entry.path))
                continue
            }
            switch kind {
            case .unexpectedYAML:
                collector.report(
                    .unexpectedFile,
                    "`\(entry.path)` lies where the catalog format expects no YAML file; it was not read",
                    at: .start(of: entry.path))
                continue
            case .template:
                do throws(CatalogIOError) {
                    let bytes = try fileSystem.read(entry.path, limit: limits.maxFileBytes)
                    if bytes.count > limits.maxFileBytes {
                        collector.report(
                            .fileTooLarge,
                            "template `\(entry.path)` is larger than \(limits.maxFileBytes) bytes "
                                + "(raise `limits.max_file_bytes` in jimu.yaml)",
                            at: .start(of: entry.path))
                    } else {
                        templates[entry.path] = bytes
                    }
                } catch {
                    collector.report(.ioError, "cannot read `\(entry.path)`: \(error.reason)", at: .start(of: entry.path))
                }
                continue
            case .other, .config:
                continue
            default:
                break
            }
            if sources.count >= limits.maxFiles { break }
            guard let (reader, root) = open(entry.path, fileSystem, limits, collector, &sources) else { continue }
            decode(kind, reader: reader, root: root, into: &catalog)
        }
        return DecodedCatalog(
            catalog: catalog, diagnostics: collector.diagnostics, sources: sources, fileCount: sources.count,
            templates: templates)
    }

    private static func decode(
        _ kind: CatalogFileKind, reader: DocumentReader, root: YAMLNodeID, into catalog: inout SourceCatalog
    ) {
        switch kind {
        case .fields: catalog.elements += reader.decodeElements(root: root)
        case .materials: catalog.materials += reader.decodeMaterials(root: root)
        case .codeLists: catalog.codeLists += reader.decodeCodeLists(root: root)
        case .sources: catalog.sources += reader.decodeSources(root: root)
        case .departments: catalog.departments += reader.decodeDepartments(root: root)
        case .calendar(let year):
            if let calendar = reader.decodeCalendar(root: root, fileYear: year) { catalog.calendars.append(calendar) }
        case .item(let key):
            if let item = reader.decodeItem(root: root, fileKey: key) { catalog.items.append(item) }
        case .locality(let folder):
            if let locality = reader.decodeLocality(root: root, folder: folder) { catalog.localities.append(locality) }
        case .practice(let folder, let key):
            if let practice = reader.decodePractice(root: root, folder: folder, fileKey: key) {
                catalog.practices.append(practice)
            }
        case .bundle(let key):
            if let bundle = reader.decodeBundle(root: root, fileKey: key) { catalog.bundles.append(bundle) }
        case .config, .template, .unexpectedYAML, .other:
            break
        }
    }

    /// Reads and parses one file; nil (after a diagnostic) when it cannot be decoded.
    private static func open(
        _ path: String, _ fileSystem: some CatalogFileSystem, _ limits: CatalogLimits,
        _ collector: DiagnosticCollector, _ sources: inout [String: [UInt8]]
    ) -> (DocumentReader, YAMLNodeID)? {
        let bytes: [UInt8]
        do throws(CatalogIOError) {
            bytes = try fileSystem.read(path, limit: limits.maxFileBytes)
        } catch {
            collector.report(.ioError, "cannot read `\(path)`: \(error.reason)", at: .start(of: path))
            return nil
        }
        sources[path] = bytes
        let yamlLimits = YAMLLimits(
            maxFileBytes: limits.maxFileBytes, maxDepth: limits.maxDepth, maxAliasExpansion: limits.maxAliasExpansion)
        let document: YAMLDocument
        do throws(YAMLError) {
            document = try YAMLReader.parse(bytes, limits: yamlLimits)
        } catch {
            collector.report(YAMLDiagnostics.diagnostic(for: error, file: path, limits: limits))
            return nil
        }
        guard let root = document.root else {
            collector.report(.emptyFile, "`\(path)` is empty", at: .start(of: path))
            return nil
        }
        let reader = DocumentReader(
            document: document, file: path, diagnostics: collector, limits: limits, source: bytes)
        reader.checkTags(from: root)
        return (reader, root)
    }
}
