import Foundation

/// A host object that can list its fields and children, so the REPL can complete `x.<Tab>`.
/// Tensors, modules and records from other targets adopt it where they have named members.
public protocol MemberListing {
    var memberNames: [String] { get }
}

/// The candidates for completing the text before the cursor. Every candidate starts with
/// `prefix`, the end of that text, so a line editor inserts only what follows it.
public struct Completion: Equatable {
    public var prefix: String
    public var candidates: [String]

    public init(prefix: String, candidates: [String]) {
        self.prefix = prefix
        self.candidates = candidates
    }

    /// The longest text that every candidate starts with.
    public var commonPrefix: String {
        guard var common = candidates.first else { return prefix }
        for candidate in candidates.dropFirst() {
            while !candidate.hasPrefix(common) { common.removeLast() }
        }
        return common
    }
}

extension Session {
    /// Completes the end of `text`: builtins and variables, fields and methods after `.`,
    /// dictionary keys after `[`, and file paths inside string literals. Functions complete
    /// with their `(`; nothing is evaluated, so completing has no side effects.
    public func complete(_ text: String) -> Completion {
        let scan = CompletionContext(text)
        if scan.inComment { return Completion(prefix: "", candidates: []) }
        if let stringStart = scan.openStringStart {
            let content = String(text[text.index(after: stringStart)...])
            let before = String(text[..<stringStart])
            if let keys = dictionaryKeys(before: before, typed: content) { return keys }
            return Session.completePath(content)
        }
        let prefix = String(text.reversed().prefix { $0.isIdentifierCharacter }.reversed())
        let head = text.dropLast(prefix.count)
        if head.last == "." {
            return Completion(prefix: prefix, candidates: members(of: head.dropLast(), prefix: prefix))
        }
        if head.last == "[", let keys = dictionaryKeys(before: String(head), typed: nil) {
            return keys
        }
        if prefix.isEmpty || prefix.first?.isNumber == true {
            return Completion(prefix: prefix, candidates: [])
        }
        return Completion(prefix: prefix, candidates: names(startingWith: prefix))
    }

    private func names(startingWith prefix: String) -> [String] {
        var found: Set<String> = []
        for name in runtime.registry.functions.keys where name.hasPrefix(prefix) {
            found.insert(name + "(")
        }
        for name in runtime.registry.constants.keys where name.hasPrefix(prefix) {
            found.insert(name)
        }
        for (name, value) in variables where name.hasPrefix(prefix) {
            if case .function = value { found.insert(name + "(") } else { found.insert(name) }
        }
        for keyword in TokenKind.keywords.keys where keyword.hasPrefix(prefix) {
            found.insert(keyword)
        }
        return found.sorted()
    }

    /// Fields of a record, members of a host object and registered methods of the value
    /// that the chain of names `a.b.c` before the dot refers to.
    private func members(of receiverText: Substring, prefix: String) -> [String] {
        let chain = receiverText.reversed().prefix { $0.isIdentifierCharacter || $0 == "." }
        let names = String(chain.reversed()).split(separator: ".", omittingEmptySubsequences: false)
        guard let first = names.first, !first.isEmpty, first.first?.isNumber == false,
            var value = value(of: String(first))
        else { return [] }
        for name in names.dropFirst() {
            guard let next = Session.member(String(name), of: value) else { return [] }
            value = next
        }
        var found: Set<String> = []
        if case .record(let record) = value {
            for label in record.labels ?? [] { found.insert(label) }
        }
        if case .host(let object) = value, let listing = object as? MemberListing {
            for name in listing.memberNames { found.insert(name) }
        }
        let typeName = value.typeName == "tuple" ? "record" : value.typeName
        for method in runtime.registry.methodNames(typeName) { found.insert(method + "(") }
        return found.filter { $0.hasPrefix(prefix) }.sorted()
    }

    /// A record field or host object field; host fields are read only for objects that
    /// list their members, so completion never reaches code that does work.
    private static func member(_ name: String, of value: Value) -> Value? {
        switch value {
        case .record(let record): return record.field(name)
        case .host(let object):
            guard let listing = object as? MemberListing, listing.memberNames.contains(name) else {
                return nil
            }
            return try? object.field(name)
        default: return nil
        }
    }

    /// Keys of the dictionary named just before `[`, as literals followed by `]`. `typed`
    /// is the text of a key string after its opening quote, or nil before any quote.
    private func dictionaryKeys(before text: String, typed: String?) -> Completion? {
        guard text.last == "[" else { return nil }
        let head = text.dropLast()
        let name = String(head.reversed().prefix { $0.isIdentifierCharacter }.reversed())
        guard !name.isEmpty, case .dict(let dict)? = value(of: name) else { return nil }
        var candidates: [String] = []
        for key in dict.keys {
            switch key {
            case .string(let string):
                candidates.append(Value.quote(string) + "]")
            case .number, .bool, .none:
                if typed == nil { candidates.append(key.formatted(quoted: true) + "]") }
            default: break
            }
        }
        let prefix = typed.map { "\"" + $0 } ?? ""
        return Completion(prefix: prefix, candidates: candidates.filter { $0.hasPrefix(prefix) }.sorted())
    }

    /// File paths that start with `typed`, relative to the working directory; a leading `~/`
    /// is the home directory. Folders end in `/` so completion can go on into them.
    public static func completePath(_ typed: String) -> Completion {
        let slash = typed.lastIndex(of: "/")
        let folderPart = slash.map { String(typed[...$0]) } ?? ""
        let namePart = slash.map { String(typed[typed.index(after: $0)...]) } ?? typed
        var folder = folderPart.isEmpty ? "." : folderPart
        if folder.hasPrefix("~/") {
            folder = FileManager.default.homeDirectoryForCurrentUser.path + folder.dropFirst()
        }
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
            return Completion(prefix: typed, candidates: [])
        }
        var candidates: [String] = []
        for entry in entries where entry.hasPrefix(namePart) {
            if entry.hasPrefix(".") && !namePart.hasPrefix(".") { continue }
            var isFolder: ObjCBool = false
            let full = (folder as NSString).appendingPathComponent(entry)
            _ = FileManager.default.fileExists(atPath: full, isDirectory: &isFolder)
            candidates.append(folderPart + entry + (isFolder.boolValue ? "/" : ""))
        }
        return Completion(prefix: typed, candidates: candidates.sorted())
    }
}

/// Where the text before the cursor ends: in code, in a comment, or inside a string
/// literal (and where that string starts). `\(...)` interpolations count as code.
struct CompletionContext {
    var inComment = false
    var openStringStart: String.Index?

    init(_ text: String) {
        // Each entry is an open string's start, or nil for code inside an interpolation,
        // paired with the parenthesis depth of that code.
        var stack: [(stringStart: String.Index?, depth: Int)] = []
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            if let top = stack.last, top.stringStart != nil {
                if character == "\\" && next < text.endIndex && text[next] == "(" {
                    stack.append((nil, 0))
                    index = text.index(after: next)
                    continue
                }
                if character == "\\" && next < text.endIndex {
                    index = text.index(after: next)
                    continue
                }
                if character == "\"" || character == "\n" { stack.removeLast() }
                index = next
                continue
            }
            switch character {
            case "#":
                guard let lineEnd = text[index...].firstIndex(of: "\n") else {
                    inComment = true
                    return
                }
                index = lineEnd
                continue
            case "\"":
                stack.append((index, 0))
            case "(" where !stack.isEmpty:
                stack[stack.count - 1].depth += 1
            case ")" where !stack.isEmpty:
                if stack[stack.count - 1].depth == 0 {
                    stack.removeLast()
                } else {
                    stack[stack.count - 1].depth -= 1
                }
            default: break
            }
            index = next
        }
        openStringStart = stack.last?.stringStart
    }
}

extension Character {
    fileprivate var isIdentifierCharacter: Bool {
        isASCII && (isLetter || isNumber || self == "_")
    }
}
