import Foundation
import JimuCore
import Testing

/// `jimu explain ITEM`: every dimension with the place it came from and what it beat.
@Suite struct ExplainTests {
    static func mini(_ key: String) throws -> (StandardCatalog, StandardItem) {
        let files = CatalogFixtures.miniFiles()
        let built = try BuildPipeline.standard(InMemoryFileSystem(bytes: files))
        expectNoDiagnostics(built.check, files: files)
        let catalog = try #require(built.standard)
        return (catalog, try #require(catalog.item(key)))
    }

    static let dimensions = MergeDimension.allCases.map(\.rawValue)

    /// The text block of one dimension: its header line and the indented lines below it.
    static func block(_ dimension: String, in text: String) -> [Substring] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(where: { $0.hasPrefix("\(dimension): ") }) else { return [] }
        var block = [lines[start]]
        for line in lines[(start + 1)...] {
            guard line.hasPrefix("  ") else { break }
            block.append(line)
        }
        return block
    }

    @Test func textShowsEveryDimensionWithSourceAndAlternatives() throws {
        let (catalog, item) = try Self.mini("household-registration-newborn")
        let text = ItemExplanation(item, catalog: catalog).text(pathPrefix: "catalog/")
        #expect(text.hasPrefix("出生登记 — Birth household registration [household-registration-newborn]\n"))
        #expect(text.contains("code 330000-000105-001, department public_security, statutory limit 20 working days\n"))
        let hangzhou = "catalog/localities/330100-hangzhou/household-registration-newborn.yaml"
        let fuyang = "catalog/localities/330111-fuyang/household-registration-newborn.yaml"
        // Each dimension: the standard's value, where it came from (file:line:column) and by
        // which rule, and the other locality's practice (file:line).
        let expected: [(String, String, String, String)] = [
            ("form: 5 fields, 4 by hand", "  chosen: 330111 by pinned at \(fuyang):3:5",
             "  beat:   330100 6 fields, 5 by hand at \(hangzhou):4", ""),
            ("materials: 2 materials, 2 submitted",
             "  chosen: 330111 by fewest-submitted-materials at \(fuyang):12:5",
             "  beat:   330100 3 materials, 3 submitted at \(hangzhou):15", ""),
            ("steps: 2 steps, 2 days", "  chosen: 330111 by fewest-steps at \(fuyang):19:5",
             "  beat:   330100 2 steps, 3 days at \(hangzhou):24", ""),
            ("limit: 3 working days", "  chosen: 330111 by shortest-promised-limit at \(fuyang):21:17",
             "  beat:   330100 5 working days at \(hangzhou):26", ""),
            ("visits: 0 visits", "  chosen: 330100 by fewest-visits at \(hangzhou):27:9",
             "  tied:   330111 0 visits at \(fuyang):22", ""),
            ("channels: online, mobile, counter (online: full)",
             "  chosen: 330100 by most-channels at \(hangzhou):28:12",
             "  tied:   330111 online, mobile, counter (online: full) at \(fuyang):23", ""),
        ]
        for (header, chosen, alternative, _) in expected {
            let dimension = String(header.prefix { $0 != ":" })
            let block = Self.block(dimension, in: text).map(String.init)
            #expect(block == [header, chosen, alternative], "\(dimension)")
        }
        #expect(Self.dimensions.allSatisfy { !Self.block($0, in: text).isEmpty })
        // Every field and material with its rule and file:line:column.
        #expect(text.contains("\nform:\n  mother.id_number 母亲公民身份号码: required, prefilled from population (pinned, \(fuyang):3:5)\n"))
        #expect(text.contains("  applicant.mobile 申请人手机号码: required, by hand (pinned, \(fuyang):7:5)\n"))
        #expect(text.contains("\nmaterials:\n  birth_medical_certificate 出生医学证明: applicant (fewest-submitted-materials, \(fuyang):12:5)\n"))
        #expect(!text.contains("added back by law"))
    }

    /// Every `at …` of the text names a file and a line (and the chosen one a column).
    @Test(arguments: ["birth-medical-certificate", "household-registration-newborn", "vaccination-certificate"])
    func everySourceIsAFileAndLine(_ key: String) throws {
        let (catalog, item) = try Self.mini(key)
        let text = ItemExplanation(item, catalog: catalog).text(pathPrefix: "catalog/")
        for dimension in Self.dimensions {
            let block = Self.block(dimension, in: text)
            #expect(block.count == item.practices.count + 1, "\(key) \(dimension): \(block)")
            for line in block.dropFirst() {
                let place = try #require(line.split(separator: " at ").last)
                let parts = place.split(separator: ":")
                #expect(parts.first?.hasPrefix("catalog/localities/") == true, "\(line)")
                #expect(parts.first?.hasSuffix("/\(key).yaml") == true, "\(line)")
                #expect(parts.dropFirst().allSatisfy { Int($0).map { $0 >= 1 } ?? false }, "\(line)")
                #expect(parts.count == (line.hasPrefix("  chosen:") ? 3 : 2), "\(line)")
            }
        }
        let explanation = ItemExplanation(item, catalog: catalog)
        for entry in explanation.fields + explanation.materials {
            let parts = entry.source.split(separator: ":")
            #expect(parts.count == 3 && parts.dropFirst().allSatisfy { Int($0) != nil }, "\(entry.id): \(entry.source)")
        }
    }

    /// The legal minimum and the frame-only case in the text.
    @Test func textShowsAddedBackAndFrameOnly() throws {
        let spec = MergeCatalog(
            label: "explain", item: .init(requiredFields: ["h"], requiredMaterials: ["m6"]),
            practices: [P("330100", fields: "a", materials: "m1")])
        let (catalog, item) = try spec.merged()
        let text = ItemExplanation(item, catalog: catalog).text(pathPrefix: "")
        #expect(text.contains("  h 字段h: required, by hand (legal-minimum, items/test-item.yaml:13:12)\n"))
        #expect(text.contains("  m6 材料m6: applicant (legal-minimum, items/test-item.yaml:14:15)\n"))
        #expect(text.hasSuffix("\nadded back by law: h, m6\n"))

        let frameOnly = MergeCatalog(label: "frame", item: .init(requiredFields: ["a"]), extraLocalities: ["330100"])
        let (frameCatalog, frameItem) = try frameOnly.merged()
        let frameText = ItemExplanation(frameItem, catalog: frameCatalog).text(pathPrefix: "catalog/")
        #expect(frameText.contains("no locality has a practice: the standard is the legal frame\n"))
        #expect(frameText.contains("\nlimit: statutory 20 working days\n  chosen: frame by frame-only at catalog/items/test-item.yaml:1:6\n"))
        for dimension in Self.dimensions {
            // The value and `chosen: frame`; no practice, so nothing beaten.
            #expect(Self.block(dimension, in: frameText).count == 2, "\(dimension)")
        }
    }

    @Test(arguments: ["birth-medical-certificate", "household-registration-newborn", "vaccination-certificate"])
    func jsonRoundTrips(_ key: String) throws {
        let (catalog, item) = try Self.mini(key)
        let explanation = ItemExplanation(item, catalog: catalog)
        let json = try CanonicalJSON.encode(explanation)
        let decoded = try JSONDecoder().decode(ItemExplanation.self, from: Data(json.utf8))
        #expect(try CanonicalJSON.encode(decoded) == json)
        #expect(decoded.text(pathPrefix: "catalog/") == explanation.text(pathPrefix: "catalog/"))
        #expect(decoded.item.key == key)
        #expect(decoded.item.decisions.map(\.dimension) == Self.dimensions)
        #expect(decoded.fields.map(\.id) == item.form.map(\.id))
        #expect(decoded.materials.map(\.id) == item.materials.map(\.id))
        // Stable, snake_case keys for tools.
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["item", "fields", "materials"])
        let itemObject = try #require(object["item"] as? [String: Any])
        #expect(itemObject["statutory_limit"] != nil && itemObject["added_back"] != nil && itemObject["frame_only"] != nil)
    }

    /// Editor text in the explanation is data in JSON, and the JSON of a hostile name still
    /// round-trips.
    @Test func jsonRoundTripsHostileText() throws {
        let spec = MergeCatalog(
            label: "hostile", item: .init(name: "\"引号\" \\ 反斜杠 \t 😀 </script>"),
            practices: [P("330100", fields: "a")])
        let (catalog, item) = try spec.merged()
        let explanation = ItemExplanation(item, catalog: catalog)
        let json = try CanonicalJSON.encode(explanation)
        let decoded = try JSONDecoder().decode(ItemExplanation.self, from: Data(json.utf8))
        #expect(decoded.item.name.zh == "\"引号\" \\ 反斜杠 \t 😀 </script>")
        #expect(try CanonicalJSON.encode(decoded) == json)
    }
}
