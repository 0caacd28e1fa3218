extension Axes {
    /// Draws `matrix` as a heatmap with one cell per element, as matplotlib's `imshow`.
    ///
    /// Cell (r, c) is centred at x = c, y = r unless `extent` gives the data coordinates of
    /// the left, right, bottom and top edges. NaN and infinite cells take `nanColor`.
    public func imshow(
        _ matrix: Matrix, colormap: String = "viridis", origin: ImageOrigin = .upper,
        aspect: ImageAspect = .equal, vmin: Double? = nil, vmax: Double? = nil,
        nanColor: Color = Color(red: 0xd0, green: 0xd0, blue: 0xd0),
        extent: (left: Double, right: Double, bottom: Double, top: Double)? = nil
    ) throws {
        try requireFinite(matrix.values, name: "heatmap data")
        let scale = ColorScale(
            colormap: try Colormap(named: colormap),
            normalization: try ColorNormalization(values: matrix.values, vmin: vmin, vmax: vmax))
        let rows = Double(matrix.rows)
        let columns = Double(matrix.columns)
        var edges = (left: -0.5, right: columns - 0.5, bottom: rows - 0.5, top: -0.5)
        if origin == .lower {
            edges = (left: -0.5, right: columns - 0.5, bottom: -0.5, top: rows - 0.5)
        }
        if let extent {
            let values = [extent.left, extent.right, extent.bottom, extent.top]
            if !values.allSatisfy({ $0.isFinite }) || extent.left == extent.right
                || extent.bottom == extent.top
            {
                throw PlotError.invalidArgument(
                    "extent must be finite with non-zero width and height")
            }
            edges = extent
        }
        images.append(
            ImageSeries(
                matrix: matrix, scale: scale, origin: origin, aspect: aspect, nanColor: nanColor,
                extent: edges))
        lastScale = scale
    }

    /// Attaches a colorbar for the most recent heatmap or value-coloured scatter.
    public func colorbar(label: String = "") throws {
        guard let scale = lastScale else {
            throw PlotError.invalidArgument(
                "colorbar needs a heatmap or a scatter coloured by values on these axes")
        }
        colorbar = (scale, label)
    }

    /// Renders the image's cells to pixels, one pixel per cell.
    func raster(for image: ImageSeries, rowZeroAtTop: Bool) -> RGBImage {
        let matrix = image.matrix
        var raster = RGBImage(width: matrix.columns, height: matrix.rows)
        for row in 0..<matrix.rows {
            let targetRow = rowZeroAtTop ? row : matrix.rows - 1 - row
            for column in 0..<matrix.columns {
                let value = matrix[row, column]
                let color = value.isFinite ? image.scale.color(for: value) : image.nanColor
                raster.set(column, targetRow, color)
            }
        }
        return raster
    }
}
