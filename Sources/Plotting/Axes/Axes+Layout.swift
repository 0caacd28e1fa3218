/// Positions of everything one Cartesian axes draws, in figure points.
struct AxesLayout {
    var box: Rect
    var x: AxisView
    var y: AxisView
    var xTicks: AxisTicks
    var yTicks: AxisTicks
    var colorbar: ColorbarLayout?

    func pixelX(_ value: Double) -> Double {
        box.x + x.fraction(value) * box.width
    }

    func pixelY(_ value: Double) -> Double {
        box.maxY - y.fraction(value) * box.height
    }

    func point(_ xValue: Double, _ yValue: Double) -> Point {
        Point(x: pixelX(xValue), y: pixelY(yValue))
    }
}

struct ColorbarLayout {
    var box: Rect
    var scale: ColorScale
    var label: String
    var ticks: AxisTicks
}

extension Axes {
    /// Lays the axes out inside `cell`, reserving room for ticks, labels, title and colorbar.
    ///
    /// Tick label widths depend on the ticks, which depend on the axes size, so the margins
    /// are measured twice: once on a first guess of the box and once on the result.
    func layout(in cell: Rect) -> AxesLayout {
        let x = xView()
        let y = yView()
        var box = cell.inset(left: 40, top: 20, right: 20, bottom: 30)
        var result = AxesLayout(
            box: box, x: x, y: y, xTicks: .empty, yTicks: .empty, colorbar: nil)
        for _ in 0..<2 {
            result.xTicks = AxisTicks.make(
                view: x, length: box.width, horizontal: true, override: xTickOverride)
            result.yTicks = AxisTicks.make(
                view: y, length: box.height, horizontal: false, override: yTickOverride)
            box = fitBox(in: cell, layout: result)
            result.box = box
        }
        result.xTicks = AxisTicks.make(
            view: x, length: box.width, horizontal: true, override: xTickOverride)
        result.yTicks = AxisTicks.make(
            view: y, length: box.height, horizontal: false, override: yTickOverride)
        result.colorbar = colorbarLayout(beside: box)
        return result
    }

    private func fitBox(in cell: Rect, layout: AxesLayout) -> Rect {
        let tickSpace = Style.tickLength + Style.tickPad
        var left = 0.0
        if !layout.yTicks.positions.isEmpty { left += tickSpace + layout.yTicks.maxLabelWidth() }
        if !yLabel.isEmpty { left += Style.labelPad + Style.fontSize * 1.1 }
        var bottom = 0.0
        if !layout.xTicks.positions.isEmpty { bottom += tickSpace + Style.fontSize * 1.05 }
        if !xLabel.isEmpty { bottom += Style.labelPad + Style.fontSize * 1.15 }
        if !layout.xTicks.labels.offsetText.isEmpty { bottom += Style.fontSize * 1.2 }
        var top = 0.0
        if !title.isEmpty {
            top +=
                Style.titlePad + TextMetrics.height(title, size: Style.titleSize)
                + TextMetrics.depth(title, size: Style.titleSize)
        }
        if !layout.yTicks.labels.offsetText.isEmpty { top += Style.fontSize * 1.4 }
        let xLabels = layout.xTicks.labels.labels
        let firstOverhang =
            (xLabels.first.map { TextMetrics.width($0, size: Style.fontSize) } ?? 0) / 2
        let lastOverhang =
            (xLabels.last.map { TextMetrics.width($0, size: Style.fontSize) } ?? 0) / 2
        left = max(left, firstOverhang)
        var right = lastOverhang
        if colorbar != nil {
            right = colorbarReserve(width: cell.width - left, height: cell.height - top - bottom)
        }
        let available = cell.inset(left: left, top: top, right: right, bottom: bottom)
        return aspectFitted(available, layout: layout)
    }

    /// Width taken by the colorbar, its gap, its ticks and its label.
    private func colorbarReserve(width: Double, height: Double) -> Double {
        guard let colorbar else { return 0 }
        let ticks = AxisTicks.make(
            view: AxisView(
                start: colorbar.scale.normalization.vmin,
                end: colorbar.scale.normalization.vmax),
            length: height, horizontal: false, override: nil)
        var reserve = width * Style.colorbarPad + height / Style.colorbarAspect
        reserve += Style.tickLength + Style.tickPad + ticks.maxLabelWidth()
        if !colorbar.label.isEmpty { reserve += Style.labelPad + Style.fontSize * 1.2 }
        return reserve
    }

    /// Shrinks `available` to square data units when a heatmap requests equal aspect.
    private func aspectFitted(_ available: Rect, layout: AxesLayout) -> Rect {
        guard let image = images.last, image.aspect == .equal else { return available }
        let ratio = (layout.x.high - layout.x.low) / (layout.y.high - layout.y.low)
        guard ratio.isFinite, ratio > 0 else { return available }
        var box = available
        if available.width / available.height > ratio {
            box.width = available.height * ratio
        } else {
            box.height = available.width / ratio
            box.y = available.y + (available.height - box.height) / 2
        }
        if colorbar == nil {
            box.x = available.x + (available.width - box.width) / 2
        }
        return box
    }

    private func colorbarLayout(beside box: Rect) -> ColorbarLayout? {
        guard let colorbar else { return nil }
        let normalization = colorbar.scale.normalization
        let width = box.height / Style.colorbarAspect
        let frame = Rect(
            x: box.maxX + box.width * Style.colorbarPad, y: box.y, width: width, height: box.height)
        let ticks = AxisTicks.make(
            view: AxisView(start: normalization.vmin, end: normalization.vmax),
            length: box.height, horizontal: false, override: nil)
        return ColorbarLayout(
            box: frame, scale: colorbar.scale, label: colorbar.label, ticks: ticks)
    }
}
