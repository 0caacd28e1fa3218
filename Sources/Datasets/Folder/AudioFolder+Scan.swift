import Foundation
import Tensors

/// Label folders and their files under a dataset root.
struct FolderListing {
    let root: String
    let labels: [String]
    /// Files of each label, sorted by name, as paths.
    let files: [[String]]
}

extension AudioFolder {
    static func scan(root: String) throws -> FolderListing {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: root, isDirectory: &isDirectory) else {
            throw DatasetError.invalidFolder(
                path: root,
                message: "folder not found; pass the folder that contains one folder per label")
        }
        guard isDirectory.boolValue else {
            throw DatasetError.invalidFolder(
                path: root,
                message:
                    "is a file, not a folder; pass the folder that contains one folder per label")
        }
        let names = (try? manager.contentsOfDirectory(atPath: root)) ?? []
        let labels = names.filter { name in
            var isFolder: ObjCBool = false
            let path = (root as NSString).appendingPathComponent(name)
            return !name.hasPrefix(".") && manager.fileExists(atPath: path, isDirectory: &isFolder)
                && isFolder.boolValue
        }.sorted()
        guard !labels.isEmpty else {
            throw DatasetError.invalidFolder(
                path: root,
                message: "contains no label folders; expected root/<label>/<audio file>")
        }
        let files = labels.map { label -> [String] in
            let folder = (root as NSString).appendingPathComponent(label)
            let entries = (try? manager.contentsOfDirectory(atPath: folder)) ?? []
            return entries.filter { !$0.hasPrefix(".") }.sorted().compactMap { name in
                var isFolder: ObjCBool = false
                let path = (folder as NSString).appendingPathComponent(name)
                guard manager.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue
                else { return nil }
                return path
            }
        }
        guard files.contains(where: { !$0.isEmpty }) else {
            throw DatasetError.invalidFolder(
                path: root,
                message: "the label folders \(labels) contain no files; "
                    + "put audio files in root/<label>/")
        }
        return FolderListing(root: root, labels: labels, files: files)
    }

    /// (path, label) pairs of `split`: from the split file, or a seeded shuffle
    /// of each label's files cut by `fractions`, so every label appears in each split.
    static func select(
        _ listing: FolderListing, split: DataSplit, fractions: [Double], seed: UInt64,
        splitFile: String?, warn: (String) -> Void
    ) throws -> [(String, Int)] {
        let all = listing.files.enumerated().flatMap { label, paths in paths.map { ($0, label) } }
        if let splitFile {
            return try selectFromList(listing, all: all, split: split, file: splitFile, warn: warn)
        }
        guard split != .all else { return all }
        let stream = RandomStream(seed: seed)
        var chosen: [(String, Int)] = []
        for (label, paths) in listing.files.enumerated() {
            let order = stream.permutation(paths.count)
            let train = Int((Double(paths.count) * fractions[0]).rounded())
            let val = min(paths.count - train, Int((Double(paths.count) * fractions[1]).rounded()))
            let range: Range<Int>
            switch split {
            case .train: range = 0..<train
            case .val: range = train..<(train + val)
            case .test, .all: range = (train + val)..<paths.count
            }
            chosen += range.map { (paths[order[$0]], label) }
        }
        return chosen
    }

    private static func selectFromList(
        _ listing: FolderListing, all: [(String, Int)], split: DataSplit, file: String,
        warn: (String) -> Void
    ) throws -> [(String, Int)] {
        let assigned = try readSplitAssignments(file)
        let rootPrefix = (listing.root as NSString).standardizingPath + "/"
        let relative = { (path: String) -> String in
            withoutExtension(
                String((path as NSString).standardizingPath.dropFirst(rootPrefix.count)))
        }
        let present = Set(all.map { relative($0.0) })
        let missing = assigned.keys.filter { !present.contains($0) }.count
        if missing > 0 {
            warn("split file \(file): \(missing) listed files are not under \(listing.root)")
        }
        guard split != .all else { return all.filter { assigned[relative($0.0)] != nil } }
        return all.filter { assigned[relative($0.0)] == split }
    }

    private static func withoutExtension(_ path: String) -> String {
        (path as NSString).deletingPathExtension
    }

    /// Reads which split each listed file belongs to, keyed by relative path
    /// without extension. `file` is either one text file of
    /// `<train|val|test> <relative path>` lines, or a folder with one list per
    /// split (`train_filtered.txt`, `valid_filtered.txt`, `test_filtered.txt`
    /// as published for GTZAN, or `train.txt`, `val.txt`/`valid.txt`, `test.txt`).
    static func readSplitAssignments(_ file: String) throws -> [String: DataSplit] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) else {
            throw DatasetError.invalidFile(
                path: file, message: "split file not found; check the path")
        }
        if isDirectory.boolValue { return try readSplitFolder(file) }
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            throw DatasetError.invalidFile(
                path: file, message: "cannot read the split file as UTF-8 text")
        }
        let names: [String: DataSplit] = [
            "train": .train, "val": .val, "valid": .val, "validation": .val, "test": .test,
        ]
        var assigned: [String: DataSplit] = [:]
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false)
            .enumerated()
        {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            guard let first = fields.first, !first.hasPrefix("#") else { continue }
            guard fields.count == 2, let name = names[first.lowercased()] else {
                throw DatasetError.invalidFile(
                    path: file,
                    message: "line \(number + 1): expected '<train|val|test> <relative path>', "
                        + "got '\(line)'")
            }
            assigned[withoutExtension(String(fields[1]))] = name
        }
        return assigned
    }

    private static func readSplitFolder(_ folder: String) throws -> [String: DataSplit] {
        let candidates: [(DataSplit, [String])] = [
            (.train, ["train_filtered.txt", "train.txt"]),
            (.val, ["valid_filtered.txt", "val_filtered.txt", "valid.txt", "val.txt"]),
            (.test, ["test_filtered.txt", "test.txt"]),
        ]
        var assigned: [String: DataSplit] = [:]
        var found = 0
        for (split, names) in candidates {
            let paths = names.map { (folder as NSString).appendingPathComponent($0) }
            guard let path = paths.first(where: { FileManager.default.fileExists(atPath: $0) })
            else { continue }
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw DatasetError.invalidFile(
                    path: path, message: "cannot read the list as UTF-8 text")
            }
            found += 1
            for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
                let entry = line.trimmingCharacters(in: .whitespaces)
                guard !entry.isEmpty, !entry.hasPrefix("#") else { continue }
                assigned[withoutExtension(entry)] = split
            }
        }
        guard found > 0 else {
            throw DatasetError.invalidFile(
                path: folder,
                message: "contains no split lists; expected train_filtered.txt, "
                    + "valid_filtered.txt and test_filtered.txt (or train.txt, val.txt, test.txt)")
        }
        return assigned
    }
}
