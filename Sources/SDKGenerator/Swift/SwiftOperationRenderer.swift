/// Renders operations: the easy, raw and pages methods on `Client`, and each response enum.
struct SwiftOperationRenderer {
    let operation: SwiftOperation

    private var parameterList: String {
        var items = operation.parameters.map { parameter in
            let name = SwiftLex.escaped(parameter.name)
            return parameter.required ? "\(name): \(parameter.type)" : "\(name): \(parameter.type)? = nil"
        }
        if let body = operation.body {
            items.append(body.required ? "body: \(body.type)" : "body: \(body.type)? = nil")
        }
        return items.joined(separator: ", ")
    }

    private func arguments(replacing cursor: String? = nil, with value: String = "") -> String {
        var items = operation.parameters.map { parameter in
            let name = SwiftLex.escaped(parameter.name)
            return "\(name): \(parameter.name == cursor ? value : name)"
        }
        if operation.body != nil { items.append("body: body") }
        return items.joined(separator: ", ")
    }

    private func parameterDocs(_ writer: inout CodeWriter) {
        var lines: [String] = []
        for parameter in operation.parameters where !parameter.docs.isEmpty {
            lines.append("  - \(SwiftLex.escaped(parameter.name)): " + parameter.docs[0])
            lines += parameter.docs.dropFirst().map { "    " + $0 }
        }
        if let body = operation.body {
            let first = body.docs.first ?? "The request body."
            lines.append("  - body: \(first) (`\(body.mediaType)`)")
            lines += body.docs.dropFirst().map { "    " + $0 }
        }
        guard !lines.isEmpty else { return }
        writer.line("///")
        writer.line("/// - Parameters:")
        SwiftTypeRenderer.docs(lines, &writer)
    }

    func renderMethods(_ writer: inout CodeWriter) {
        let name = SwiftLex.escaped(operation.name)
        let raw = SwiftLex.escaped(operation.name + "Raw")
        let returns = operation.successType == "Void" ? "" : " -> \(operation.successType)"
        SwiftTypeRenderer.docs(operation.docs, &writer)
        parameterDocs(&writer)
        writer.block("public func \(name)(\(parameterList)) async throws\(returns) {") { writer in
            writer.line("let raw = try await \(raw)(\(arguments()))")
            easyBody(&writer)
        }
        writer.line()
        writer.line("/// `\(operation.name)` with every documented status as a case of `\(operation.responseType)`.")
        parameterDocs(&writer)
        writer.block(
            "public func \(raw)(\(parameterList)) async throws -> RawResponse<\(operation.responseType)> {"
        ) { writer in
            let security =
                "["
                + operation.security.map { "[" + $0.map(SwiftLex.string).joined(separator: ", ") + "]" }
                .joined(separator: ", ") + "]"
            let mutates = !operation.parameters.isEmpty || operation.body != nil || operation.binary
            writer.line(
                (mutates ? "var" : "let")
                    + " request = OperationRequest(\(SwiftLex.string(operation.id)), \(SwiftLex.string(operation.method)), "
                    + "\(SwiftLex.string(operation.path)), security: \(security), idempotent: \(operation.idempotent))")
            for parameter in operation.parameters { writer.line(parameterLine(parameter)) }
            if let body = operation.body { bodyLines(body, &writer) }
            if operation.binary { writer.line("request.accept = \"*/*\"") }
            writer.line("let response = try await send(request)")
            writer.line("return RawResponse(value: try \(operation.responseType)(response), response: response)")
        }
        if let pagination = operation.pagination { renderPages(pagination, &writer) }
    }

    private func easyBody(_ writer: inout CodeWriter) {
        let id = SwiftLex.string(operation.id)
        if operation.successType == "Void" {
            writer.line("guard (200..<300).contains(raw.status) else { throw raw.error(\(id)) }")
            return
        }
        let successes = operation.responses.filter { $0.status.hasPrefix("2") }
        writer.flatBlock("switch raw.value {", "}") { writer in
            if operation.successType == operation.responseType {
                let names = successes.map { "." + SwiftLex.escaped($0.caseName) }.joined(separator: ", ")
                writer.line("case \(names): return raw.value")
            } else {
                let names = successes.map { ".\(SwiftLex.escaped($0.caseName))(let body)" }.joined(separator: ", ")
                writer.line("case \(names): return body")
            }
            writer.line("default: throw raw.error(\(id))")
        }
    }

    private func parameterLine(_ parameter: SwiftOperation.Parameter) -> String {
        let key = SwiftLex.string(parameter.key)
        let value = SwiftLex.escaped(parameter.name)
        var extra = ""
        switch parameter.location {
        case "path":
            if parameter.style != "simple" { extra += ", style: \(SwiftLex.string(parameter.style))" }
            if parameter.explode { extra += ", explode: true" }
        case "query":
            if parameter.style != "form" { extra += ", style: \(SwiftLex.string(parameter.style))" }
            if !parameter.explode { extra += ", explode: false" }
        case "header":
            if parameter.explode { extra += ", explode: true" }
        default:
            if !parameter.explode { extra += ", explode: false" }
        }
        return "try request.\(parameter.location)(\(key), \(value)\(extra))"
    }

    private func bodyLines(
        _ body: (kind: Operation.Body.Kind, mediaType: String, type: String, required: Bool, docs: [String]),
        _ writer: inout CodeWriter
    ) {
        let mediaType = SwiftLex.string(body.mediaType)
        let call =
            switch body.kind {
            case .json: "try request.json(body, contentType: \(mediaType))"
            case .form: "try request.form(body)"
            case .multipart: "try request.multipart(body)"
            case .binary: "request.binary(body, contentType: \(mediaType))"
            case .text: "request.text(body, contentType: \(mediaType))"
            }
        if body.required {
            writer.line(call)
        } else {
            writer.block("if let body {") { $0.line(call) }
        }
    }

    private func renderPages(_ pagination: (cursors: [String], next: String), _ writer: inout CodeWriter) {
        let pages = SwiftLex.escaped(operation.name + "Pages")
        let next = SwiftLex.escaped(pagination.next)
        writer.line()
        writer.line("/// Every page of `\(operation.name)`, fetched as the loop asks for them.")
        let cursors = pagination.cursors.map(SwiftLex.escaped)
        let parameters = parameterList
        writer.block("public func \(pages)(\(parameters)) -> Pages<\(operation.successType)> {") { writer in
            if cursors.count == 1 {
                writer.line("Pages(")
                writer.line("    first: \(cursors[0]),")
                writer.line(
                    "    fetch: { cursor in try await self.\(SwiftLex.escaped(operation.name))(\(arguments(replacing: pagination.cursors[0], with: "cursor"))) },"
                )
                writer.line("    next: { (page: \(operation.successType)) -> String? in page.\(next) })")
                return
            }
            writer.line("let cursors: [String?] = [\(cursors.joined(separator: ", "))]")
            writer.line("let key = cursors.firstIndex { $0 != nil } ?? 0")
            writer.line("return Pages(")
            writer.line("    first: cursors[key],")
            writer.block("    fetch: { cursor in", "    },") { writer in
                var items = operation.parameters.map { parameter -> String in
                    let name = SwiftLex.escaped(parameter.name)
                    guard let index = pagination.cursors.firstIndex(of: parameter.name) else {
                        return "\(name): \(name)"
                    }
                    return "\(name): key == \(index) ? cursor : \(name)"
                }
                if operation.body != nil { items.append("body: body") }
                writer.line("try await self.\(SwiftLex.escaped(operation.name))(\(items.joined(separator: ", ")))")
            }
            writer.line("    next: { (page: \(operation.successType)) -> String? in page.\(next) })")
        }
    }

    func renderResponse(_ writer: inout CodeWriter) {
        writer.line("/// Every response of `\(operation.name)`, by status.")
        writer.block("public enum \(operation.responseType): Sendable {") { writer in
            for response in operation.responses {
                let label =
                    response.status == "default" ? "Any other status" : "HTTP \(SwiftLex.inline(response.status))"
                let summary = response.docs.first.map { ": " + $0 } ?? "."
                SwiftTypeRenderer.docs(["\(label)\(summary)"] + response.docs.dropFirst(), &writer)
                let payload = response.type.map { "(\($0))" } ?? ""
                writer.line("case \(SwiftLex.escaped(response.caseName))\(payload)")
            }
            writer.line("/// A status the spec does not list, or an error body that did not decode.")
            writer.line("case undocumented")
            writer.line()
            writer.block("init(_ response: HTTPResponse) throws {") { writer in
                writer.flatBlock("switch response.status {", "}") { writer in
                    let ordered =
                        operation.responses.filter { Int($0.status) != nil }
                        + operation.responses.filter { $0.status.count == 3 && $0.status.uppercased().hasSuffix("XX") }
                    for response in ordered {
                        let pattern: String
                        if let code = Int(response.status) {
                            pattern = String(code)
                        } else {
                            let hundred = Int(String(response.status.prefix(1))) ?? 0
                            pattern = "\(hundred * 100)..<\((hundred + 1) * 100)"
                        }
                        writer.line("case \(pattern): " + assignment(response))
                    }
                    if let other = operation.responses.first(where: { $0.status == "default" }) {
                        writer.line("default: " + assignment(other))
                    } else {
                        writer.line("default: self = .undocumented")
                    }
                }
            }
        }
    }

    private func assignment(_ response: SwiftOperation.Response) -> String {
        let name = SwiftLex.escaped(response.caseName)
        guard let type = response.type else { return "self = .\(name)" }
        let value =
            switch response.kind {
            case .text: "response.text()"
            case .binary: "response.body"
            default: "response.json(\(type.hasSuffix("?") ? "Optional<\(type.dropLast())>" : type).self)"
            }
        if response.status.hasPrefix("2") {
            return "self = .\(name)(\(response.kind == .json ? "try " : "")\(value))"
        }
        if response.kind != .json { return "self = .\(name)(\(value))" }
        return "self = (try? \(value)).map(Self.\(name)) ?? .undocumented"
    }
}
