/// A submission's top-level JSON object, as `jimu validate` reads it: the bytes parsed into
/// a tree, the value checked to be an object, duplicate names resolved as JSON parsers do
/// (the last wins). Generated forms read their members with `JSONFormReader` instead, with
/// the same outcome and no tree.
public enum JSONForm {
    public static func members(of json: [UInt8], into violations: inout [Violation]) -> [(key: String, value: JSONValue)]? {
        let value: JSONValue
        do throws(JSONParser.Failure) {
            value = try JSONParser.parse(json)
        } catch {
            violations.append(invalidJSON(error))
            return nil
        }
        guard case .object(let members) = value else {
            violations.append(.type("", expected: "an object", expectedZh: "对象"))
            return nil
        }
        return JSONValue.lastWins(members)
    }

    static func invalidJSON(_ error: JSONParser.Failure) -> Violation {
        Violation(
            path: "", code: .json, message: "is not valid JSON (\(error.message) at byte \(error.offset))",
            messageZh: "不是有效的 JSON")
    }
}
