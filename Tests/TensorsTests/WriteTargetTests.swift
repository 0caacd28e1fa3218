import Testing

@testable import Tensors

#if canImport(Glibc)
    import Glibc
#endif

@Test func saveThroughSymbolicLinkKeepsLink() throws {
    let folder = IOTestSupport.makeTemporaryFolder()
    let target = folder + "/weights.safetensors", link = folder + "/latest.safetensors"
    try SafeTensors.write([(name: "w", tensor: try Tensor([1, 2], shape: [2]))], to: target)
    #expect(symlink("weights.safetensors", link) == 0)
    try SafeTensors.write([(name: "w", tensor: try Tensor([3, 4, 5], shape: [3]))], to: link)
    var status = stat()
    #expect(lstat(link, &status) == 0)
    #expect((status.st_mode & S_IFMT) == S_IFLNK)
    let reloaded = try SafeTensors.load(path: target)
    #expect(reloaded["w"]?.toArray() == [3, 4, 5])
}

@Test func writeTargetOfDeviceIsInPlace() {
    let device = WriteTarget("/dev/null")
    #expect(device.path == "/dev/null")
    #expect(!device.atomic)
    let missing = WriteTarget("/tmp/mfs-no-such-folder/file.npy")
    #expect(missing.atomic)
}
