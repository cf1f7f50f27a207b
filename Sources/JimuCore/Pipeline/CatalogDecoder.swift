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
    public var timings = StageTimings()
}

/// Load and Decode: lists the catalog, reads and parses each YAML file, and decodes it into
/// the located source model. Recoverable problems become diagnostics; only a failure to read
/// the catalog folder itself is thrown.
public enum CatalogDecoder {
    public static func decode(_ fileSystem: some CatalogFileSystem, onStage: (@Sendable (String) -> Void)? = nil)
        throws(CatalogIOError) -> DecodedCatalog
    {
        var timings = StageTimings(onStage: onStage)
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

        let kinds = entries.map { CatalogFileKind(path: $0.path) }
        let documents = kinds.filter(\.isCatalogDocument)
        if documents.count > limits.maxFiles {
            collector.report(
                .tooManyFiles,
                "the catalog has \(documents.count) YAML files, over the limit of \(limits.maxFiles) "
                    + "(raise `limits.max_files` in jimu.yaml)",
                at: nil)
        }
        var pending: [(path: String, kind: CatalogFileKind)] = []
        for (entry, kind) in zip(entries, kinds) where entry.path != "jimu.yaml" {
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
            if pending.count + 1 >= limits.maxFiles { break }
            pending.append((entry.path, kind))
        }

        // Read, parse and decode every file on every core; each file is independent, and the
        // pieces are put together in path order, so the result is the serial one.
        let fixedLimits = limits
        let files = pending
        let contents = timings.measure("load") {
            Parallel.map(files.count) { index -> Result<[UInt8], CatalogIOError> in
                do throws(CatalogIOError) {
                    return .success(try fileSystem.read(files[index].path, limit: fixedLimits.maxFileBytes))
                } catch {
                    return .failure(error)
                }
            }
        }
        timings.measure("decode") {
            let pieces = Parallel.map(files.count) { index in
                decodeFile(files[index].path, files[index].kind, contents[index], fixedLimits)
            }
            sources.reserveCapacity(sources.count + pieces.count)
            for piece in pieces {
                collector.absorb(piece.diagnostics)
                if let bytes = piece.bytes { sources[piece.path] = bytes }
                piece.content.apply(to: &catalog)
            }
        }
        return DecodedCatalog(
            catalog: catalog, diagnostics: collector.diagnostics, sources: sources, fileCount: sources.count,
            templates: templates, timings: timings)
    }

    /// What one file contributes to the catalog.
    enum Content: Sendable {
        case none
        case elements([DataElement])
        case materials([Material])
        case codeLists([CodeList])
        case sources([SharedSource])
        case departments([Department])
        case calendar(CalendarYear)
        case item(ItemFrame)
        case locality(Locality)
        case practice(Practice)
        case bundle(ServiceBundle)

        func apply(to catalog: inout SourceCatalog) {
            switch self {
            case .none: break
            case .elements(let list): catalog.elements += list
            case .materials(let list): catalog.materials += list
            case .codeLists(let list): catalog.codeLists += list
            case .sources(let list): catalog.sources += list
            case .departments(let list): catalog.departments += list
            case .calendar(let calendar): catalog.calendars.append(calendar)
            case .item(let item): catalog.items.append(item)
            case .locality(let locality): catalog.localities.append(locality)
            case .practice(let practice): catalog.practices.append(practice)
            case .bundle(let bundle): catalog.bundles.append(bundle)
            }
        }
    }

    struct Piece: Sendable {
        var path: String
        var bytes: [UInt8]?
        var diagnostics: [Diagnostic]
        var content: Content
    }

    /// Reads, parses and decodes one file, with diagnostics of its own.
    static func decodeFile(
        _ path: String, _ kind: CatalogFileKind, _ read: Result<[UInt8], CatalogIOError>, _ limits: CatalogLimits
    ) -> Piece {
        let collector = DiagnosticCollector()
        let bytes: [UInt8]
        switch read {
        case .success(let content): bytes = content
        case .failure(let error):
            collector.report(.ioError, "cannot read `\(path)`: \(error.reason)", at: .start(of: path))
            return Piece(path: path, bytes: nil, diagnostics: collector.diagnostics, content: .none)
        }
        var content = Content.none
        if let (reader, root) = parse(path, bytes, limits, collector) {
            content = decode(kind, reader: reader, root: root)
        }
        return Piece(path: path, bytes: bytes, diagnostics: collector.diagnostics, content: content)
    }

    private static func decode(_ kind: CatalogFileKind, reader: DocumentReader, root: YAMLNodeID) -> Content {
        switch kind {
        case .fields: return .elements(reader.decodeElements(root: root))
        case .materials: return .materials(reader.decodeMaterials(root: root))
        case .codeLists: return .codeLists(reader.decodeCodeLists(root: root))
        case .sources: return .sources(reader.decodeSources(root: root))
        case .departments: return .departments(reader.decodeDepartments(root: root))
        case .calendar(let year): return reader.decodeCalendar(root: root, fileYear: year).map(Content.calendar) ?? .none
        case .item(let key): return reader.decodeItem(root: root, fileKey: key).map(Content.item) ?? .none
        case .locality(let folder): return reader.decodeLocality(root: root, folder: folder).map(Content.locality) ?? .none
        case .practice(let folder, let key):
            return reader.decodePractice(root: root, folder: folder, fileKey: key).map(Content.practice) ?? .none
        case .bundle(let key): return reader.decodeBundle(root: root, fileKey: key).map(Content.bundle) ?? .none
        case .config, .template, .unexpectedYAML, .other: return .none
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
        return parse(path, bytes, limits, collector)
    }

    /// Parses one file's bytes; nil (after a diagnostic) when it cannot be decoded.
    private static func parse(_ path: String, _ bytes: [UInt8], _ limits: CatalogLimits, _ collector: DiagnosticCollector)
        -> (DocumentReader, YAMLNodeID)?
    {
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
