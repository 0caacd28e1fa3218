import Plotting

/// A figure as a script value; `fig.axes(i)` returns its panels and `fig.save(path)`
/// writes the SVG.
public final class FigureObject: HostObject {
    public let figure: Figure

    public init(_ figure: Figure) { self.figure = figure }

    public var typeName: String { "Figure" }

    public var description: String {
        "<Figure \(figure.rows)x\(figure.columns), \(figure.width)x\(figure.height) in>"
    }

    public func field(_ name: String) throws -> Value? {
        name == "title" ? .string(figure.title) : nil
    }

    public func setField(_ name: String, to value: Value) throws -> Bool {
        guard name == "title" else { return false }
        figure.title = try value.requireString("figure title")
        return true
    }
}

/// Cartesian axes of a figure as a script value.
public final class AxesObject: HostObject {
    public let axes: Axes

    public init(_ axes: Axes) { self.axes = axes }

    public var typeName: String { "Axes" }
}

/// Polar axes of a figure as a script value.
public final class PolarAxesObject: HostObject {
    public let axes: PolarAxes

    public init(_ axes: PolarAxes) { self.axes = axes }

    public var typeName: String { "PolarAxes" }
}

extension Arguments {
    var receiverFigure: Figure {
        get throws {
            guard case .host(let object) = receiver, let wrapper = object as? FigureObject else {
                throw Diagnostic.runtime("\(functionName) must be called on a figure")
            }
            return wrapper.figure
        }
    }

    var receiverAxes: Axes {
        get throws {
            guard case .host(let object) = receiver, let wrapper = object as? AxesObject else {
                throw Diagnostic.runtime("\(functionName) must be called on Cartesian axes")
            }
            return wrapper.axes
        }
    }

    var receiverPolarAxes: PolarAxes {
        get throws {
            guard case .host(let object) = receiver, let wrapper = object as? PolarAxesObject else {
                throw Diagnostic.runtime("\(functionName) must be called on polar axes")
            }
            return wrapper.axes
        }
    }

    /// Returns the argument at `position` as numbers, from a tensor or a list.
    func doubles(_ position: Int) throws -> [Double] {
        try values[position].doubles("argument '\(parameterName(position))' of \(functionName)")
    }

    /// Returns the `marker` option: none or one of "circle", "square", "triangle".
    func marker(_ position: Int) throws -> Marker {
        guard let name = try optionalString(position) else { return .none }
        let aliases = ["o": "circle", "s": "square", "^": "triangle"]
        guard let marker = Marker(rawValue: aliases[name] ?? name) else {
            throw Diagnostic.runtime(
                "argument 'marker' of \(functionName) must be none, \"circle\", \"square\" or "
                    + "\"triangle\", got \"\(name)\"")
        }
        return marker
    }

    /// Returns a colour option given as a "#rrggbb" string, or nil when none.
    func color(_ position: Int) throws -> Color? {
        guard let text = try optionalString(position) else { return nil }
        return try Color(hex: text)
    }
}
