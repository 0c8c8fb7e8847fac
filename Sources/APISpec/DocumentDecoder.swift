import Dispatch
import OpenAPIKit
import OpenAPIKit30
import OpenAPIKitCompat
import OpenAPIKitCore
import Synchronization

/// Decodes the checked tree into OpenAPIKit's 3.1 document, upgrading 3.0 on the way.
///
/// Large documents are split in two (paths and components entries divided by size, the rest
/// shared) and decoded on two threads, then joined in document order: decoding is the slowest
/// step of a load, and this machine has two cores.
struct DocumentDecoder {
    var file: String
    /// Below this many nodes a document is decoded in one piece.
    var splitThreshold = 50_000

    func decode(_ root: SpecNode, version: SpecVersion) -> Result<OpenAPIKit.OpenAPI.Document, Diagnostic> {
        let parts = root.nodeCount > splitThreshold ? Self.split(root) : [root]
        let results = Mutex<[Int: Result<OpenAPIKit.OpenAPI.Document, any Swift.Error>]>([:])
        DispatchQueue.concurrentPerform(iterations: parts.count) { index in
            let result = Result { try Self.decodeOne(parts[index], version: version) }
            results.withLock { $0[index] = result }
        }
        let decoded = results.withLock { $0 }
        var documents: [OpenAPIKit.OpenAPI.Document] = []
        for index in parts.indices {
            switch decoded[index]! {
            case .success(let document): documents.append(document)
            case .failure(let error): return .failure(diagnostic(for: error, in: root))
            }
        }
        var document = documents[0]
        for other in documents.dropFirst() { document.join(other) }
        return .success(document)
    }

    private static func decodeOne(_ node: SpecNode, version: SpecVersion) throws -> OpenAPIKit.OpenAPI.Document {
        let decoder = SpecNodeDecoder(node: node, path: nil)
        if case .openAPI31 = version { return try OpenAPIKit.OpenAPI.Document(from: decoder) }
        return try OpenAPIKit30.OpenAPI.Document(from: decoder).convert(to: .v3_1_0)
    }

    /// A diagnostic for a decoding error, at the node its coding path leads to.
    private func diagnostic(for error: any Swift.Error, in root: SpecNode) -> Diagnostic {
        let openAPIError = OpenAPIKit.OpenAPI.Error(from: error)
        let pointer = JSONPointer(openAPIError.codingPath.map(\.stringValue))
        let node = root.nearest(pointer)
        // OpenAPIKit's messages are Markdown over several lines; a diagnostic is one plain line.
        var message = openAPIError.localizedDescription.replacingOccurrences(of: "**", with: "")
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if message.hasSuffix(".") { message.removeLast() }
        return Diagnostic(
            .error, message, file: node.file ?? file, location: node.location, pointer: pointer.description)
    }

    /// Two documents that share everything but divide `paths` and the components' entries.
    static func split(_ root: SpecNode) -> [SpecNode] {
        guard let top = root.object else { return [root] }
        var units: [(section: [String], key: String, node: SpecNode, weight: Int)] = []
        for (key, item) in top["paths"]?.object?.members ?? SpecObject().members {
            units.append((["paths"], key, item, item.nodeCount))
        }
        for (kind, section) in top["components"]?.object?.members ?? SpecObject().members
        where kind != "securitySchemes" && !kind.hasPrefix("x-") {
            for (key, item) in section.object?.members ?? SpecObject().members {
                units.append((["components", kind], key, item, item.nodeCount))
            }
        }
        let total = units.reduce(0) { $0 + $1.weight }
        var parts = [top, top]
        for index in parts.indices {
            parts[index]["paths"] = SpecNode(.object(SpecObject()), at: top["paths"]?.location ?? root.location)
            if var components = top["components"]?.object {
                for kind in components.keys where kind != "securitySchemes" && !kind.hasPrefix("x-") {
                    components[kind] = SpecNode(.object(SpecObject()), at: components[kind]!.location)
                }
                parts[index]["components"] = SpecNode(.object(components), at: top["components"]!.location)
            }
        }
        var running = 0
        for unit in units {
            let index = running < total / 2 ? 0 : 1
            running += unit.weight
            parts[index].insert(unit.node, at: unit.section, key: unit.key)
        }
        return parts.map { SpecNode(.object($0), at: root.location, file: root.file) }
    }
}

extension SpecObject {
    /// Adds `node` under `key` in the object at `section` (which must exist).
    fileprivate mutating func insert(_ node: SpecNode, at section: [String], key: String) {
        guard let first = section.first, var child = self[first] else { return }
        if section.count == 1 {
            var members = child.object ?? SpecObject()
            members[key] = node
            child.value = .object(members)
        } else if var members = child.object {
            members.insert(node, at: Array(section.dropFirst()), key: key)
            child.value = .object(members)
        }
        self[first] = child
    }
}

extension SpecNode {
    /// How many values the tree holds: the decoding cost of a document, roughly.
    var nodeCount: Int {
        switch value {
        case .array(let items): items.reduce(1) { $0 + $1.nodeCount }
        case .object(let object): object.values.reduce(1) { $0 + $1.nodeCount }
        default: 1
        }
    }
}

extension OpenAPIKit.OpenAPI.Document {
    /// Appends the paths and component entries of `other`, which was decoded from the same
    /// document's later half.
    fileprivate mutating func join(_ other: Self) {
        for (key, value) in other.paths { paths[key] = value }
        for (key, value) in other.webhooks { webhooks[key] = value }
        components.schemas.append(other.components.schemas)
        components.responses.append(other.components.responses)
        components.parameters.append(other.components.parameters)
        components.examples.append(other.components.examples)
        components.requestBodies.append(other.components.requestBodies)
        components.headers.append(other.components.headers)
        components.links.append(other.components.links)
        components.callbacks.append(other.components.callbacks)
        components.pathItems.append(other.components.pathItems)
    }
}

extension OrderedDictionary {
    fileprivate mutating func append(_ other: Self) {
        for (key, value) in other { self[key] = value }
    }
}
