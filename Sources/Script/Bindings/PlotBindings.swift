import Plotting
import Tensors
import Training

extension BuiltinRegistry {
    /// Registers `figure`, the figure and axes methods and `fig.save`.
    func registerPlotBindings() {
        addBinding(
            "figure", "plotting",
            Signature(keywords: [
                ParameterSpec("rows", .integer, default: .number(1)),
                ParameterSpec("cols", .integer, default: .number(1)),
                ParameterSpec("width", .number, default: .number(6.4)),
                ParameterSpec("height", .number, default: .number(4.8)),
                ParameterSpec("title", .string, default: .string("")),
            ]),
            "A figure of rows x cols panels; width and height in inches (72 points each)"
        ) { args in
            let figure = try Figure(
                width: try args.number(2), height: try args.number(3), rows: try args.integer(0),
                columns: try args.integer(1))
            figure.title = try args.string(4)
            return .host(FigureObject(figure))
        }
        addBinding(
            "axes", "plotting",
            Signature([ParameterSpec("index", .integer, default: .number(0))],
                      keywords: [ParameterSpec("polar", .bool, default: .bool(false))]),
            receiver: "Figure", "Panel `index` (row by row from 0) as Cartesian or, with polar: true, polar axes"
        ) { args in
            let figure = try args.receiverFigure
            let index = try args.integer(0)
            if args[1].isTruthy { return .host(PolarAxesObject(try figure.polarAxes(index))) }
            return .host(AxesObject(try figure.axes(index)))
        }
        addBinding(
            "save", "plotting", Signature([ParameterSpec("path", .string)]), receiver: "Figure",
            "Write the figure as .svg, or as .png or .pdf through rsvg-convert, creating missing folders; "
                + "the write is atomic"
        ) { args in
            let figure = try args.receiverFigure
            let path = try args.string(0)
            try figure.save(path)
            args.runtime.figureSaved(path: path, svg: figure.svg())
            return .none
        }
        registerAxesMethods()
        registerAxesLabels()
        registerPolarMethods()
    }

    private func registerAxesMethods() {
        addBinding(
            "heatmap", "plotting",
            Signature([ParameterSpec("data", .tensor)], keywords: [
                ParameterSpec("cmap", .string, default: .string("viridis")),
                ParameterSpec("vmin", .number, default: Value.none),
                ParameterSpec("vmax", .number, default: Value.none),
                ParameterSpec("colorbar", .bool, default: .bool(false)),
                ParameterSpec("label", .string, default: .string("")),
            ]),
            receiver: "Axes", "Draw a 2-d tensor as an image, row 0 at the top; colorbar: true adds a colour scale"
        ) { args in
            let axes = try args.receiverAxes
            let matrix = try ModelFigures.matrix(try args.tensor(0))
            try axes.imshow(
                matrix, colormap: try args.string(1), vmin: try args.optionalNumber(2),
                vmax: try args.optionalNumber(3))
            if args[4].isTruthy { try axes.colorbar(label: try args.string(5)) }
            return .none
        }
        addBinding(
            "line", "plotting",
            Signature([ParameterSpec("x"), ParameterSpec("y", default: Value.none)], keywords: [
                ParameterSpec("label", .string, default: Value.none),
                ParameterSpec("marker", .string, default: Value.none),
                ParameterSpec("color", .string, default: Value.none),
            ]),
            receiver: "Axes", "Draw a line through (x, y), or y against 0, 1, 2, ... when y is left out"
        ) { args in
            let axes = try args.receiverAxes
            var x = try args.doubles(0)
            var y = x
            if case .none = args[1] { x = y.indices.map(Double.init) } else { y = try args.doubles(1) }
            try axes.plot(
                x: x, y: y, label: try args.optionalString(2), color: try args.color(4),
                marker: try args.marker(3))
            return .none
        }
        addBinding(
            "scatter", "plotting",
            Signature([ParameterSpec("x"), ParameterSpec("y")], keywords: [
                ParameterSpec("color", default: Value.none),
                ParameterSpec("cmap", .string, default: .string("viridis")),
                ParameterSpec("size", .number, default: .number(36)),
                ParameterSpec("label", .string, default: Value.none),
            ]),
            receiver: "Axes", "Draw points; color is a \"#rrggbb\" string or one value per point mapped through cmap"
        ) { args in
            let axes = try args.receiverAxes
            let (color, values) = try BuiltinRegistry.pointColors(args, 2)
            try axes.scatter(
                x: try args.doubles(0), y: try args.doubles(1), values: values, colormap: try args.string(3),
                color: color, size: try args.number(4), label: try args.optionalString(5))
            return .none
        }
        addBinding(
            "bar", "plotting",
            Signature([ParameterSpec("x"), ParameterSpec("heights")], keywords: [
                ParameterSpec("label", .string, default: Value.none),
                ParameterSpec("color", .string, default: Value.none),
            ]),
            receiver: "Axes", "Draw bars of `heights` at positions x, or at 0, 1, 2, ... labelled by a list of strings x"
        ) { args in
            let axes = try args.receiverAxes
            let heights = try args.doubles(1)
            if case .list(let list) = args[0], let first = list.items.first, case .string = first {
                let names = try list.items.map { try $0.requireString("bar category") }
                try axes.bar(
                    categories: names, heights: heights, color: try args.color(3),
                    label: try args.optionalString(2))
            } else {
                try axes.bar(
                    x: try args.doubles(0), heights: heights, color: try args.color(3),
                    label: try args.optionalString(2))
            }
            return .none
        }
    }

    /// Returns a single colour or per-point values from the `color` option at `position`.
    static func pointColors(_ args: Arguments, _ position: Int) throws -> (Color?, [Double]?) {
        switch args[position] {
        case .none: return (nil, nil)
        case .string: return (try args.color(position), nil)
        default: return (nil, try args.doubles(position))
        }
    }

    private func registerAxesLabels() {
        let text = Signature([ParameterSpec("text", .string)])
        let setters: [(String, String, (Axes, String) -> Void)] = [
            ("title", "Set the axes title", { $0.title = $1 }),
            ("xlabel", "Set the x-axis label", { $0.xLabel = $1 }),
            ("ylabel", "Set the y-axis label", { $0.yLabel = $1 }),
        ]
        for (name, summary, apply) in setters {
            addBinding(name, "plotting", text, receiver: "Axes", summary) { args in
                apply(try args.receiverAxes, try args.string(0))
                return .none
            }
        }
        addBinding(
            "legend", "plotting",
            Signature(keywords: [ParameterSpec("loc", .string, default: .string("best"))]), receiver: "Axes",
            "Show a legend of the labelled series in a corner: \"best\" (the corner covering the fewest "
                + "points), \"upper right\", \"upper left\", \"lower left\" or \"lower right\""
        ) { args in
            let name = try args.string(0)
            guard let location = LegendLocation(rawValue: name) else {
                throw Diagnostic.runtime(
                    "argument 'loc' of legend must be one of "
                        + LegendLocation.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ") + ", got \"\(name)\"")
            }
            try args.receiverAxes.legend(location: location)
            return .none
        }
        addBinding(
            "grid", "plotting", Signature([ParameterSpec("on", .bool, default: .bool(true))]),
            receiver: "Axes", "Draw grid lines at the major ticks"
        ) { args in
            try args.receiverAxes.grid = args[0].isTruthy
            return .none
        }
    }

    private func registerPolarMethods() {
        addBinding(
            "title", "plotting", Signature([ParameterSpec("text", .string)]), receiver: "PolarAxes",
            "Set the polar axes title"
        ) { args in
            try args.receiverPolarAxes.title = try args.string(0)
            return .none
        }
        addBinding(
            "line", "plotting",
            Signature([ParameterSpec("theta"), ParameterSpec("r")], keywords: [
                ParameterSpec("label", .string, default: Value.none),
                ParameterSpec("marker", .string, default: Value.none),
            ]),
            receiver: "PolarAxes", "Draw a line through (theta, r), theta in radians"
        ) { args in
            try args.receiverPolarAxes.plot(
                theta: try args.doubles(0), r: try args.doubles(1), label: try args.optionalString(2),
                marker: try args.marker(3))
            return .none
        }
        addBinding(
            "scatter", "plotting",
            Signature([ParameterSpec("theta"), ParameterSpec("r")], keywords: [
                ParameterSpec("color", default: Value.none),
                ParameterSpec("cmap", .string, default: .string("viridis")),
                ParameterSpec("size", .number, default: .number(36)),
            ]),
            receiver: "PolarAxes", "Draw points at (theta, r); color is a \"#rrggbb\" string or one value per point"
        ) { args in
            let (color, values) = try BuiltinRegistry.pointColors(args, 2)
            try args.receiverPolarAxes.scatter(
                theta: try args.doubles(0), r: try args.doubles(1), values: values,
                colormap: try args.string(3), color: color, size: try args.number(4))
            return .none
        }
    }
}
