import Tensors

#if canImport(Glibc)
import Glibc
#endif

// Benchmarks of mfs, run as `mfs-bench NAME [options]`; scripts/bench runs them
// all beside the PyTorch reference and prints one table.

let usage = """
    usage: mfs-bench matmul [SIZE]
           mfs-bench step chords|gtzan
           mfs-bench mel
    """

let arguments = Array(CommandLine.arguments.dropFirst())
do {
    switch arguments.first {
    case "matmul":
        try MatmulBenchmark.run(size: arguments.count > 1 ? Int(arguments[1]) ?? 512 : 512)
    case "step":
        try StepBenchmark.run(config: arguments.count > 1 ? arguments[1] : "chords")
    case "mel":
        try MelBenchmark.run()
    default:
        print(usage)
        exit(2)
    }
} catch {
    print("mfs-bench: \(error)")
    exit(1)
}
