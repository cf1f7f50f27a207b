/// A small Swift syntax tree: what the Swift emitter builds and `SwiftRenderer` prints.
/// Editor text only ever enters it as `.string` literals or as identifiers made by
/// `SwiftNames`, so no label or id can break or inject code.
public struct SwiftFile: Equatable, Sendable {
    public var header: [String]
    public var imports: [String]
    public var declarations: [SwiftDeclaration]
}

public indirect enum SwiftDeclaration: Equatable, Sendable {
    /// A documentation comment; each line is rendered after `///`, with line breaks removed.
    case doc(String)
    case structure(modifiers: [String], name: String, conformances: [String], members: [SwiftDeclaration])
    case enumeration(modifiers: [String], name: String, conformances: [String], members: [SwiftDeclaration])
    case enumCase(name: String, rawValue: SwiftExpression?)
    case property(modifiers: [String], isLet: Bool, name: String, type: String?, value: SwiftExpression?)
    case computed(modifiers: [String], name: String, type: String, body: [SwiftStatement])
    case function(modifiers: [String], name: String, parameters: [SwiftParameter], returns: String?, body: [SwiftStatement])
    case initializer(modifiers: [String], parameters: [SwiftParameter], body: [SwiftStatement])
    case extensionOf(type: String, conformances: [String], members: [SwiftDeclaration])
    case blank
}

public struct SwiftParameter: Equatable, Sendable {
    public var label: String?
    public var name: String
    public var type: String
    public var defaultValue: SwiftExpression?

    public init(label: String? = nil, name: String, type: String, defaultValue: SwiftExpression? = nil) {
        self.label = label
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
    }
}

public indirect enum SwiftStatement: Equatable, Sendable {
    case expression(SwiftExpression)
    case variable(isLet: Bool, name: String, type: String?, value: SwiftExpression)
    case assign(SwiftExpression, SwiftExpression)
    case ifThen(SwiftExpression, [SwiftStatement], otherwise: [SwiftStatement]?)
    case ifLet(name: String, value: SwiftExpression, [SwiftStatement])
    case guardLet(name: String, value: SwiftExpression, otherwise: [SwiftStatement])
    case whileLet(name: String, value: SwiftExpression, [SwiftStatement])
    case switchOn(SwiftExpression, cases: [SwiftSwitchCase], otherwise: [SwiftStatement]?)
    case returns(SwiftExpression?)
    case breaks
    case comment(String)
}

public struct SwiftSwitchCase: Equatable, Sendable {
    public var patterns: [SwiftExpression]
    public var body: [SwiftStatement]
}

public indirect enum SwiftExpression: Equatable, Sendable {
    /// An identifier or a dotted path of identifiers made by the emitter.
    case name(String)
    case string(String)
    case integer(Int64)
    case double(Double)
    case bool(Bool)
    case nilLiteral
    case member(SwiftExpression, String)
    /// `.case` with an implicit base.
    case dot(String)
    case call(SwiftExpression, [SwiftArgument])
    case binary(SwiftExpression, String, SwiftExpression)
    case not(SwiftExpression)
    case array([SwiftExpression])
    case closure(parameter: String, body: SwiftExpression)
    case inOut(String)
    case optionalMap(SwiftExpression, parameter: String, body: SwiftExpression, fallback: SwiftExpression)
    case paren(SwiftExpression)
}

public struct SwiftArgument: Equatable, Sendable {
    public var label: String?
    public var value: SwiftExpression

    public init(_ label: String?, _ value: SwiftExpression) {
        self.label = label
        self.value = value
    }
}
