// Validations per second of the generated module, on submissions given as raw JSON bytes:
//
//     FormsBench FORM SUBMISSIONS.jsonl [SECONDS]
//
// reads one submission per line and times, each for at least SECONDS (default 2) after a
// warm-up pass:
// - `JimuForms.validate(form:json:)`, the JSON entry point services use (parse + checks);
// - Foundation's `JSONDecoder` alone, decoding the same bytes into the form's generated
//   `Codable` struct (no checks), for the forms listed in `decoders` below;
// - the typed `validate()` over structs decoded beforehand (checks only, no parsing).
// It prints one JSON object with the rates, for scripts/bench_forms.py to tabulate.
import Foundation
import JimuForms

let arguments = CommandLine.arguments
guard arguments.count >= 3, let minimum = Double(arguments.count > 3 ? arguments[3] : "2") else {
    FileHandle.standardError.write(Data("usage: FormsBench FORM SUBMISSIONS.jsonl [SECONDS]\n".utf8))
    exit(2)
}
let form = arguments[1]
let submissions: [[UInt8]] = try String(contentsOfFile: arguments[2], encoding: .utf8)
    .split(separator: "\n", omittingEmptySubsequences: true)
    .map { Array($0.utf8) }
guard !submissions.isEmpty, JimuForms.validate(form: form, json: submissions[0]) != nil else {
    FileHandle.standardError.write(Data("no submissions, or an unknown form \(form)\n".utf8))
    exit(2)
}

/// Runs `body` over every item, pass after pass, for at least `minimum` seconds; the sum of
/// its results is kept so the work cannot be optimized away.
func rate<Item>(_ items: [Item], _ body: (Item) -> Int) -> (perSecond: Double, sink: Int) {
    var sink = 0
    for item in items { sink &+= body(item) }  // warm-up
    let clock = ContinuousClock()
    let start = clock.now
    var count = 0
    var elapsed = Duration.zero
    repeat {
        for item in items { sink &+= body(item) }
        count += items.count
        elapsed = clock.now - start
    } while elapsed < .seconds(minimum)
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    return (Double(count) / seconds, sink)
}

func decodeRates<Form: Decodable>(_ type: Form.Type, validate: (Form) -> [Violation]) -> (decode: Double, typed: Double, decoded: Int) {
    let decoder = JSONDecoder()
    let decodeRate = rate(submissions) { bytes in (try? decoder.decode(Form.self, from: Data(bytes))) == nil ? 0 : 1 }
    let decoded = submissions.compactMap { try? decoder.decode(Form.self, from: Data($0)) }
    let typedRate = decoded.isEmpty ? (perSecond: 0.0, sink: 0) : rate(decoded) { validate($0).count }
    return (decodeRate.perSecond, typedRate.perSecond, decoded.count)
}

let decoders: [String: () -> (decode: Double, typed: Double, decoded: Int)] = [
    NewbornBundleForm.formID: { decodeRates(NewbornBundleForm.self) { $0.validate() } },
    CompanyStartupBundleForm.formID: { decodeRates(CompanyStartupBundleForm.self) { $0.validate() } },
    OversizeTransportBundleForm.formID: { decodeRates(OversizeTransportBundleForm.self) { $0.validate() } },
    HighwayOverlimitTransportPermitForm.formID: { decodeRates(HighwayOverlimitTransportPermitForm.self) { $0.validate() } },
]

let accepted = submissions.filter { JimuForms.validate(form: form, json: $0)?.isEmpty == true }.count
let entry = rate(submissions) { JimuForms.validate(form: form, json: $0)?.count ?? -1 }
var result: [String: Any] = [
    "form": form,
    "submissions": submissions.count,
    "accepted": accepted,
    "validate_json_per_second": entry.perSecond,
]
if let measure = decoders[form] {
    let rates = measure()
    result["jsondecoder_per_second"] = rates.decode
    result["typed_validate_per_second"] = rates.typed
    result["decoded"] = rates.decoded
}
let json = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
print(String(decoding: json, as: UTF8.self))
