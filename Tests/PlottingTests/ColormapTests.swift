import XCTest

@testable import Plotting

final class ColormapTests: XCTestCase {
    func testEveryColormapHas256Colors() throws {
        for name in Colormap.names {
            XCTAssertEqual(try Colormap(named: name).colors.count, 256, name)
        }
    }

    func testViridisEndpointsMatchPublishedData() throws {
        let viridis = try Colormap(named: "viridis")
        XCTAssertEqual(viridis.colors[0].hex, "#440154")
        XCTAssertEqual(viridis.colors[255].hex, "#fde725")
        XCTAssertEqual(viridis.color(at: 0).hex, "#440154")
        XCTAssertEqual(viridis.color(at: 1).hex, "#fde725")
        XCTAssertEqual(viridis.color(at: 2).hex, "#fde725")
        XCTAssertEqual(viridis.color(at: -1).hex, "#440154")
    }

    func testGrayAndCoolwarmEndpoints() throws {
        let gray = try Colormap(named: "gray")
        XCTAssertEqual(gray.colors[0], Color.black)
        XCTAssertEqual(gray.colors[255], Color.white)
        let coolwarm = try Colormap(named: "coolwarm")
        XCTAssertEqual(coolwarm.colors[0].hex, "#3b4cc0")
        XCTAssertEqual(coolwarm.colors[255].hex, "#b40426")
    }

    func testUnknownColormapListsValidNames() {
        XCTAssertThrowsError(try Colormap(named: "jet")) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains("'jet'"), message)
            for name in Colormap.names {
                XCTAssertTrue(message.contains(name), message)
            }
        }
    }

    func testConstantNormalizationMapsToMiddle() throws {
        let normalization = try ColorNormalization(values: [3, 3, 3], vmin: nil, vmax: nil)
        XCTAssertEqual(normalization.fraction(3), 0.5, accuracy: 1e-12)
        let zero = try ColorNormalization(values: [0, 0], vmin: nil, vmax: nil)
        XCTAssertEqual(zero.fraction(0), 0.5, accuracy: 1e-12)
    }
}
