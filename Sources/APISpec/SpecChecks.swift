import OpenAPIKit

/// Checks that OpenAPIKit's decoding does not make: each problem located in the source tree.
///
/// (OpenAPIKit's own `validate()` re-encodes the whole document and took a second on GitHub's
/// spec; these are the checks from it that matter to the SDKs and the dev server.)
struct SpecChecks {
    var file: String
    var root: SpecNode

    func run(on document: OpenAPI.Document) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var firstUse: [String: String] = [:]
        for route in document.routes {
            let pathPointer = JSONPointer(["paths", route.path.rawValue])
            for endpoint in route.pathItem.endpoints {
                let pointer = pathPointer.appending(endpoint.method.rawValue.lowercased())
                if let id = endpoint.operation.operationId {
                    if let earlier = firstUse[id] {
                        diagnostics.append(
                            error(
                                "duplicate operationId '\(id)' (first used at \(earlier)); operationIds must be unique",
                                pointer.appending("operationId")))
                    } else {
                        firstUse[id] = pointer.description
                    }
                }
                let parameters = route.pathItem.parameters + endpoint.operation.parameters
                let resolved = parameters.compactMap { try? document.components.lookup($0) }
                // A parameter whose $ref is broken was reported already; do not guess what it declared.
                guard resolved.count == parameters.count else { continue }
                let declared = resolved.filter { $0.location == .path }.map(\.name)
                for name in route.path.templateNames where !declared.contains(name) {
                    diagnostics.append(
                        error(
                            "path template variable '{\(name)}' has no matching `in: path` parameter; "
                                + "declare it under the path or the operation's parameters",
                            pointer))
                }
            }
        }
        return diagnostics
    }

    private func error(_ message: String, _ pointer: JSONPointer) -> Diagnostic {
        let node = root.nearest(pointer)
        return Diagnostic(
            .error, message, file: node.file ?? file, location: node.location, pointer: pointer.description)
    }
}

extension OpenAPI.Path {
    /// The `{name}` variables of the path template.
    var templateNames: [String] {
        rawValue.split(separator: "{", omittingEmptySubsequences: true).dropFirst(rawValue.hasPrefix("{") ? 0 : 1)
            .compactMap { $0.split(separator: "}", maxSplits: 1).first.map(String.init) }
    }
}
