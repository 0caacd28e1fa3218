public enum UnaryOperator {
    case negate, not
}

public enum BinaryOperator: String {
    case add = "+", subtract = "-", multiply = "*", divide = "/", remainder = "%"
    case power = "**", matmul = "@"
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">"
    case greaterEqual = ">=", contains = "in"
    case and, or
}

/// One component of a subscript: `i`, or a slice `a:b`, `:`, `a:b:c` with optional parts.
public enum IndexComponent<Element> {
    case single(Element)
    case slice(start: Element?, end: Element?, step: Element?)
}

public struct Argument {
    public let label: String?
    public let labelRange: SourceRange?
    public let value: Expr
}

public struct RecordField {
    public let label: String?
    public let value: Expr
}

public indirect enum ExprKind {
    case number(Double)
    case string(String)
    case interpolation([InterpolationPart])
    case bool(Bool)
    case none
    case name(String)
    case list([Expr])
    case dict([(key: Expr, value: Expr)])
    /// A record `(a: 1, b: 2)` or, when no field has a label, a tuple `(1, 2)`.
    case record([RecordField])
    case unary(UnaryOperator, Expr)
    case binary(BinaryOperator, Expr, Expr)
    case range(Expr, Expr, inclusive: Bool)
    case call(Expr, [Argument])
    case field(Expr, String)
    case index(Expr, [IndexComponent<Expr>])
    case function(FunctionDecl)
    /// `if` used as an expression: the value of the last expression statement of the branch taken.
    case conditional(Expr, [Stmt], [Stmt]?)
}

public enum InterpolationPart {
    case text(String)
    case expr(Expr)
}

public struct Expr {
    public let kind: ExprKind
    public let range: SourceRange
}

public indirect enum Pattern {
    case name(String, SourceRange)
    case tuple([Pattern], SourceRange)

    var range: SourceRange {
        switch self {
        case .name(_, let range), .tuple(_, let range): return range
        }
    }
}

public struct Parameter {
    public let name: String
    public let defaultValue: Expr?
    public let range: SourceRange
}

public final class FunctionDecl {
    public let name: String?
    public let parameters: [Parameter]
    public let body: [Stmt]
    public let range: SourceRange

    init(name: String?, parameters: [Parameter], body: [Stmt], range: SourceRange) {
        self.name = name
        self.parameters = parameters
        self.body = body
        self.range = range
    }
}

public enum AssignOperator {
    case assign, add, subtract, multiply, divide
}

public indirect enum StmtKind {
    case expression(Expr)
    case declaration(isConstant: Bool, Pattern, Expr?)
    case assignment(Expr, AssignOperator, Expr)
    case function(FunctionDecl)
    case ifElse(Expr, [Stmt], [Stmt]?)
    case forIn(Pattern, Expr, [Stmt])
    case whileLoop(Expr, [Stmt])
    case breakLoop
    case continueLoop
    case returnValue(Expr?)
    case importFile(String)
}

public struct Stmt {
    public let kind: StmtKind
    public let range: SourceRange
}

/// A notebook cell: cell 0 is the text before the first `%%` line.
public struct Cell {
    public let number: Int
    public let title: String
    public let statements: [Stmt]
}

public struct Program {
    public let file: SourceFile
    public let cells: [Cell]
}
