extension Axes {
    /// Draws the axes inside `cell`: background, data, spines, ticks, labels, colorbar, legend.
    func render(in cell: Rect, to svg: SVGWriter) {
        let layout = layout(in: cell)
        let box = layout.box
        svg.beginGroup("class=\"axes\"")
        svg.rect(box, fill: "#ffffff")
        let clip = svg.clipRect(box)
        svg.beginGroup("clip-path=\"url(#\(clip))\"")
        drawImages(layout, to: svg)
        if grid { drawGrid(layout, to: svg) }
        drawBars(layout, to: svg)
        drawLines(layout, to: svg)
        drawScatters(layout, to: svg)
        drawLineMarkers(layout, to: svg)
        drawArrows(layout, to: svg)
        drawTexts(layout, to: svg)
        svg.endGroup()
        drawSpines(box, to: svg)
        drawXTicks(layout, to: svg)
        drawYTicks(layout, to: svg)
        drawLabels(layout, to: svg)
        if let colorbar = layout.colorbar { drawColorbar(colorbar, to: svg) }
        if let location = legendLocation {
            drawLegend(in: box, location: location == .best ? bestLegendLocation(layout) : location, to: svg)
        }
        svg.endGroup()
    }

    func drawSpines(_ box: Rect, to svg: SVGWriter) {
        svg.rect(
            box, fill: "none", stroke: "#000000", strokeWidth: Style.spineWidth,
            extra: "stroke-linejoin=\"miter\"")
    }

    private func drawGrid(_ layout: AxesLayout, to svg: SVGWriter) {
        let box = layout.box
        let color = Color.gridGray.hex
        for value in layout.xTicks.positions {
            let x = layout.pixelX(value)
            svg.line(Point(x: x, y: box.y), Point(x: x, y: box.maxY), stroke: color, width: 0.8)
        }
        for value in layout.yTicks.positions {
            let y = layout.pixelY(value)
            svg.line(Point(x: box.x, y: y), Point(x: box.maxX, y: y), stroke: color, width: 0.8)
        }
    }

    private func drawXTicks(_ layout: AxesLayout, to svg: SVGWriter) {
        let box = layout.box
        let labelTop = box.maxY + Style.tickLength + Style.tickPad
        for (value, label) in zip(layout.xTicks.positions, layout.xTicks.labels.labels) {
            let x = layout.pixelX(value)
            svg.line(
                Point(x: x, y: box.maxY), Point(x: x, y: box.maxY + Style.tickLength),
                stroke: "#000000", width: Style.tickWidth)
            svg.text(label, at: Point(x: x, y: labelTop), size: Style.fontSize, baseline: .top)
        }
        let offset = layout.xTicks.labels.offsetText
        if !offset.isEmpty {
            let y = labelTop + Style.fontSize * 1.2
            svg.text(
                offset, at: Point(x: box.maxX, y: y), size: Style.fontSize, anchor: .end,
                baseline: .top)
        }
    }

    private func drawYTicks(_ layout: AxesLayout, to svg: SVGWriter) {
        let box = layout.box
        let labelRight = box.x - Style.tickLength - Style.tickPad
        for (value, label) in zip(layout.yTicks.positions, layout.yTicks.labels.labels) {
            let y = layout.pixelY(value)
            svg.line(
                Point(x: box.x - Style.tickLength, y: y), Point(x: box.x, y: y),
                stroke: "#000000", width: Style.tickWidth)
            svg.text(
                label, at: Point(x: labelRight, y: y), size: Style.fontSize, anchor: .end,
                baseline: .center)
        }
        let offset = layout.yTicks.labels.offsetText
        if !offset.isEmpty {
            svg.text(
                offset, at: Point(x: box.x, y: box.y - 4), size: Style.fontSize,
                anchor: .start, baseline: .bottom)
        }
    }

    private func drawLabels(_ layout: AxesLayout, to svg: SVGWriter) {
        let box = layout.box
        let tickSpace = Style.tickLength + Style.tickPad
        if !xLabel.isEmpty {
            var y = box.maxY + Style.labelPad
            if !layout.xTicks.positions.isEmpty { y += tickSpace + Style.fontSize * 1.05 }
            svg.text(xLabel, at: Point(x: box.center.x, y: y), size: Style.fontSize, baseline: .top)
        }
        if !yLabel.isEmpty {
            var x = box.x - Style.labelPad
            if !layout.yTicks.positions.isEmpty { x -= tickSpace + layout.yTicks.maxLabelWidth() }
            svg.text(
                yLabel, at: Point(x: x, y: box.center.y), size: Style.fontSize,
                baseline: .bottom, rotation: -90)
        }
        if !title.isEmpty {
            var y = box.y - Style.titlePad
            if !layout.yTicks.labels.offsetText.isEmpty { y -= Style.fontSize * 1.4 }
            svg.text(
                title, at: Point(x: box.center.x, y: y), size: Style.titleSize,
                baseline: .bottom)
        }
    }

    private func drawColorbar(_ colorbar: ColorbarLayout, to svg: SVGWriter) {
        let box = colorbar.box
        var gradient = RGBImage(width: 1, height: 256)
        for index in 0..<256 {
            gradient.set(0, 255 - index, colorbar.scale.colormap.colors[index])
        }
        svg.beginGroup("class=\"colorbar\"")
        // Four pixel rows per entry keep renderer smoothing within one entry's band.
        svg.image(png: PNGEncoder.encode(gradient.scaled(by: 4)), in: box)
        drawSpines(box, to: svg)
        let view = AxisView(
            start: colorbar.scale.normalization.vmin, end: colorbar.scale.normalization.vmax)
        let labelLeft = box.maxX + Style.tickLength + Style.tickPad
        for (value, label) in zip(colorbar.ticks.positions, colorbar.ticks.labels.labels) {
            let y = box.maxY - view.fraction(value) * box.height
            svg.line(
                Point(x: box.maxX, y: y), Point(x: box.maxX + Style.tickLength, y: y),
                stroke: "#000000", width: Style.tickWidth)
            svg.text(
                label, at: Point(x: labelLeft, y: y), size: Style.fontSize, anchor: .start,
                baseline: .center)
        }
        let offset = colorbar.ticks.labels.offsetText
        if !offset.isEmpty {
            svg.text(
                offset, at: Point(x: box.x, y: box.y - 4), size: Style.fontSize,
                anchor: .start, baseline: .bottom)
        }
        if !colorbar.label.isEmpty {
            let x = labelLeft + colorbar.ticks.maxLabelWidth() + Style.labelPad
            svg.text(
                colorbar.label, at: Point(x: x, y: box.center.y), size: Style.fontSize,
                baseline: .top, rotation: -90)
        }
        svg.endGroup()
    }
}
