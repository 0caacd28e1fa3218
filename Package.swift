// swift-tools-version:6.0
import PackageDescription

// Release builds keep bounds and overflow checks (-O, not -Ounchecked); only the
// header-only CKernels target may use CPU-specific code, behind a run-time check.
let swift5: [SwiftSetting] = [.swiftLanguageMode(.v5)]

let package = Package(
    name: "mfs",
    products: [
        .executable(name: "mfs", targets: ["mfs"]),
        .executable(name: "mfs-bench", targets: ["mfs-bench"]),
        .executable(name: "mfs-script-bench", targets: ["mfs-script-bench"]),
        .library(name: "Tensors", targets: ["Tensors"]),
        .library(name: "NeuralNets", targets: ["NeuralNets"]),
    ],
    targets: [
        .systemLibrary(
            name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(
            name: "CEditLine", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        .systemLibrary(
            name: "CSndFile", pkgConfig: "sndfile", providers: [.apt(["libsndfile1-dev"])]),
        .target(
            name: "CKernels",
            // sqrtf without errno, and sums that may be reassociated into vector lanes,
            // let the loops vectorise; NaN and infinity keep their IEEE meaning.
            cSettings: [
                .unsafeFlags([
                    "-O3", "-fno-math-errno", "-fassociative-math", "-fno-signed-zeros",
                    "-fno-trapping-math",
                ])
            ]),
        .target(name: "Tensors", dependencies: ["CBLAS", "CKernels"], swiftSettings: swift5),
        .target(name: "NeuralNets", dependencies: ["Tensors", "CKernels"], swiftSettings: swift5),
        .target(name: "Datasets", dependencies: ["Tensors", "CSndFile"], swiftSettings: swift5),
        .target(name: "Plotting", swiftSettings: swift5),
        .target(
            name: "Training", dependencies: ["NeuralNets", "Datasets", "Plotting"],
            swiftSettings: swift5),
        .target(name: "Script", dependencies: ["Training"], swiftSettings: swift5),
        .executableTarget(name: "mfs", dependencies: ["Script", "CEditLine"], swiftSettings: swift5),
        .executableTarget(
            name: "mfs-bench", dependencies: ["Tensors", "NeuralNets", "Datasets", "CBLAS"],
            swiftSettings: swift5),
        .executableTarget(
            name: "mfs-script-bench", dependencies: ["Script", "NeuralNets"],
            path: "benchmarks/ScriptOverhead", swiftSettings: swift5),
        .target(name: "TestSupport", dependencies: ["Tensors"], path: "Tests/TestSupport",
                swiftSettings: swift5),
        .testTarget(
            name: "TensorsTests", dependencies: ["Tensors", "TestSupport"],
            swiftSettings: swift5),
        .testTarget(
            name: "NeuralNetsTests", dependencies: ["NeuralNets", "TestSupport"],
            swiftSettings: swift5),
        .testTarget(
            name: "DatasetsTests", dependencies: ["Datasets", "TestSupport"],
            swiftSettings: swift5),
        .testTarget(name: "PlottingTests", dependencies: ["Plotting"], swiftSettings: swift5),
        .testTarget(name: "TrainingTests", dependencies: ["Training", "TestSupport"], swiftSettings: swift5),
        .testTarget(
            name: "ScriptTests", dependencies: ["Script", "TestSupport"],
            // Test programs and transcripts are read from the source tree, not bundled.
            exclude: ["Golden", "REPLTranscripts"], swiftSettings: swift5),
    ]
)
