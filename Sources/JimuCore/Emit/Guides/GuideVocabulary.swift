/// The fixed words of a guide in both languages: what an applicant reads for each value of
/// the catalog's enumerations. Jimu's own text, so never missing a translation.
enum GuideVocabulary {
    static func kind(_ kind: ItemKind) -> LocalizedText {
        switch kind {
        case .administrativeLicense: LocalizedText(zh: "行政许可", en: "Administrative licence")
        case .administrativeConfirmation: LocalizedText(zh: "行政确认", en: "Administrative confirmation")
        case .administrativePayment: LocalizedText(zh: "行政给付", en: "Administrative payment")
        case .administrativeFiling: LocalizedText(zh: "行政备案", en: "Administrative filing")
        case .publicService: LocalizedText(zh: "公共服务", en: "Public service")
        case .other: LocalizedText(zh: "其他", en: "Other")
        }
    }

    static func level(_ level: GovernmentLevel) -> LocalizedText {
        switch level {
        case .province: LocalizedText(zh: "省级", en: "Province")
        case .city: LocalizedText(zh: "市级", en: "City")
        case .county: LocalizedText(zh: "县级", en: "County")
        case .township: LocalizedText(zh: "乡镇（街道）级", en: "Township")
        }
    }

    static func audience(_ audience: Audience) -> LocalizedText {
        switch audience {
        case .citizen: LocalizedText(zh: "自然人", en: "Citizens")
        case .company: LocalizedText(zh: "法人", en: "Companies and organisations")
        }
    }

    static func handling(_ handling: Handling) -> LocalizedText {
        switch handling {
        case .immediate: LocalizedText(zh: "即办件", en: "Handled on the spot")
        case .promised: LocalizedText(zh: "承诺件", en: "Handled within a promised limit")
        }
    }

    static func channel(_ channel: Channel) -> LocalizedText {
        switch channel {
        case .online: LocalizedText(zh: "网上办理（浙里办）", en: "Online (Zheliban)")
        case .mobile: LocalizedText(zh: "掌上办理", en: "Mobile app")
        case .selfService: LocalizedText(zh: "自助终端", en: "Self-service kiosk")
        case .counter: LocalizedText(zh: "窗口办理", en: "Service counter")
        case .delivery: LocalizedText(zh: "快递送达", en: "Delivery by post")
        case .homeVisit: LocalizedText(zh: "上门服务", en: "Home visit")
        case .overseas: LocalizedText(zh: "海外服务点", en: "Overseas service point")
        case .video: LocalizedText(zh: "视频办理", en: "Video call")
        }
    }

    static func onlineDepth(_ depth: OnlineDepth) -> LocalizedText {
        switch depth {
        case .none: LocalizedText(zh: "不支持网上办理", en: "Not online")
        case .information: LocalizedText(zh: "网上咨询", en: "Information online")
        case .application: LocalizedText(zh: "网上申请", en: "Application online")
        case .full: LocalizedText(zh: "全程网办", en: "Fully online")
        }
    }

    static func materialForm(_ form: MaterialForm) -> LocalizedText {
        switch form {
        case .original: LocalizedText(zh: "原件", en: "Original")
        case .copy: LocalizedText(zh: "复印件", en: "Copy")
        case .originalOrCopy: LocalizedText(zh: "原件或复印件", en: "Original or copy")
        case .paper: LocalizedText(zh: "纸质", en: "Paper")
        case .electronic: LocalizedText(zh: "电子文件", en: "Electronic file")
        case .originalAndCopy: LocalizedText(zh: "原件和复印件", en: "Original and copy")
        case .originalAndScan: LocalizedText(zh: "原件及扫描件", en: "Original and scan")
        }
    }

    static func fieldType(_ spec: FieldSpec) -> LocalizedText {
        if let format = spec.format?.value {
            return switch format {
            case .residentID: LocalizedText(zh: "公民身份号码", en: "Resident ID number")
            case .creditCode: LocalizedText(zh: "统一社会信用代码", en: "Unified social credit code")
            case .mobile: LocalizedText(zh: "手机号码", en: "Mobile number")
            case .postcode: LocalizedText(zh: "邮政编码", en: "Postcode")
            case .division: LocalizedText(zh: "行政区划代码", en: "Division code")
            case .email: LocalizedText(zh: "电子邮箱", en: "Email address")
            }
        }
        return switch spec.type.value {
        case .string: LocalizedText(zh: "文本", en: "Text")
        case .integer: LocalizedText(zh: "整数", en: "Whole number")
        case .decimal: LocalizedText(zh: "数字", en: "Number")
        case .boolean: LocalizedText(zh: "是/否", en: "Yes/no")
        case .date: LocalizedText(zh: "日期", en: "Date")
        case .enum: LocalizedText(zh: "选项", en: "Choice")
        }
    }

    /// "零跑腿" / "最多跑一次", the reform's words for the visits an applicant makes.
    static func visits(_ visits: Int?) -> LocalizedText {
        switch visits {
        case nil: LocalizedText(zh: "到现场次数未说明", en: "Visits in person not stated")
        case 0?: LocalizedText(zh: "零跑腿", en: "No visit in person")
        case 1?: LocalizedText(zh: "最多跑一次", en: "At most one visit")
        case let n?: LocalizedText(zh: "需到现场 \(n) 次", en: "\(n) visits in person")
        }
    }

    /// "3 个工作日" / "3 working days"; 0 is handled on the spot.
    static func workingDays(_ days: Int) -> LocalizedText {
        switch days {
        case 0: LocalizedText(zh: "即办（当场办结）", en: "on the spot")
        case 1: LocalizedText(zh: "1 个工作日", en: "1 working day")
        default: LocalizedText(zh: "\(days) 个工作日", en: "\(days) working days")
        }
    }

    /// The reform's own term for the visits, which English guides quote: 零跑腿, 最多跑一次.
    static func reformTerm(_ visits: Int?) -> String? {
        switch visits {
        case 0?: "零跑腿"
        case 1?: "最多跑一次"
        default: nil
        }
    }

    /// The days of one step: "1 个工作日", "当场" for 0.
    static func stepDays(_ days: Int) -> LocalizedText {
        days == 0 ? LocalizedText(zh: "当场办理", en: "same day") : workingDays(days)
    }

    /// The days of an item in a diagram node: "1 个工作日", "即办" for 0.
    static func shortDays(_ days: Int) -> LocalizedText {
        days == 0 ? LocalizedText(zh: "即办", en: "on the spot") : workingDays(days)
    }

    static func required(_ required: Bool) -> LocalizedText {
        required ? LocalizedText(zh: "必要", en: "Required") : LocalizedText(zh: "非必要", en: "Optional")
    }

    static let free = LocalizedText(zh: "不收费", en: "Free of charge")
    static let charged = LocalizedText(zh: "收费", en: "Charged")
    static let byHand = LocalizedText(zh: "申请人填写", en: "Filled in by the applicant")
    static let submit = LocalizedText(zh: "申请人提交", en: "Submitted by the applicant")
    static let issuedByAgency = LocalizedText(zh: "免提交：由办理机关核发", en: "Not submitted: issued by the agency")

    static func prefilled(from source: LocalizedText) -> LocalizedText {
        LocalizedText(
            zh: "自动预填（\(source.zh)）", en: source.en.map { "Prefilled from the \($0)" })
    }

    static func fetched(from source: LocalizedText) -> LocalizedText {
        LocalizedText(
            zh: "免提交：从\(source.zh)共享获取", en: source.en.map { "Not submitted: fetched from the \($0)" })
    }

    static func producedBy(_ item: LocalizedText) -> LocalizedText {
        LocalizedText(
            zh: "免提交：由前序事项「\(item.zh)」产生", en: item.en.map { "Not submitted: produced by the earlier item “\($0)”" })
    }

    static func filledByProcess(_ item: LocalizedText) -> LocalizedText {
        LocalizedText(
            zh: "无需填写：由前序事项「\(item.zh)」产生", en: item.en.map { "Not filled in: produced by the earlier item “\($0)”" })
    }

    static func fromEarlierItem(_ item: LocalizedText) -> LocalizedText {
        LocalizedText(zh: "由前置事项「\(item.zh)」产生", en: item.en.map { "Obtained from the earlier item “\($0)”" })
    }
}
