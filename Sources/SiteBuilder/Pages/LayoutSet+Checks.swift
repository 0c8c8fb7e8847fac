import APISpec

extension LayoutSet {
    /// How deeply a layout's sections may nest: far more than a page needs, and well inside the stack.
    static let maxNesting = 100

    /// Why the layout `name` must not be compiled or rendered: sections nested too deeply, a layout
    /// named by a value, or layouts that include each other in a loop (each would recurse until the
    /// stack runs out). `tags` holds every layout's tags.
    static func problem(
        _ name: String, tags: [String: LayoutTags], directory: String
    ) -> Diagnostic? {
        let file = Self.file(name, in: directory)
        guard let own = tags[name] else { return nil }
        if let tag = own.firstTag(nestedDeeperThan: maxNesting) {
            let message = "the layout '\(name)' nests sections deeper than \(maxNesting) levels; flatten it"
            return Diagnostic(.error, message, file: file, location: tag.location)
        }
        if let tag = own.includes.first(where: { $0.name.hasPrefix("*") }) {
            let message =
                "the layout '\(name)' includes a layout chosen by a value ('{{\(tag.kind)\(tag.name)}}'), which "
                + "could include itself; name the layout instead"
            return Diagnostic(.error, message, file: file, location: tag.location)
        }
        var path = [name]
        var visited: Set<String> = [name]
        guard let loop = findLoop(&path, &visited, tags: tags) else { return nil }
        let first = own.includes.first { $0.name == loop[1] }
        let message =
            "the layouts include each other in a loop (\(loop.joined(separator: " → "))); "
            + "a layout may not include itself, directly or through another"
        return Diagnostic(.error, message, file: file, location: first?.location)
    }

    /// A path from `path.last` back to a layout already on it, through `{{>name}}` and `{{<name}}`.
    private static func findLoop(
        _ path: inout [String], _ visited: inout Set<String>, tags: [String: LayoutTags]
    )
        -> [String]?
    {
        for tag in tags[path.last!]?.includes ?? [] where tags[tag.name] != nil {
            if path.contains(tag.name) { return path + [tag.name] }
            guard visited.insert(tag.name).inserted else { continue }
            path.append(tag.name)
            if let loop = findLoop(&path, &visited, tags: tags) { return loop }
            path.removeLast()
        }
        return nil
    }
}
