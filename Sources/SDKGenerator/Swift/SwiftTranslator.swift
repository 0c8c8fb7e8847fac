/// Translates the language-neutral model into the Swift client's module: names, types, and what
/// each operation hands the runtime.
struct SwiftTranslator {
    let model: SDKModel
    let options: SwiftOptions

    /// `Client`'s own members, which no operation method may take.
    static let clientMembers: Set<String> = [
        "baseURL", "auth", "retry", "timeout", "headers", "transport", "with", "send", "realtime", "realtimeURL",
        "attempts", "urlRequest", "isTransient", "defaultBaseURL", "securitySchemes",
    ]

    func translate() -> SwiftModule {
        let usages = usages()
        let types = SwiftTypeTranslator(model: model, reserved: [])
        types.declareNamedTypes(model) { usages[$0] ?? .init(request: false, response: true) }
        var taken = Self.clientMembers.union(SwiftLex.reservedMembers)
        let operations = model.operations.map { translate($0, types, &taken) }
        let realtime = model.realtime.map { self.realtime($0, types) }
        types.breakCycles()
        types.resolveUnionKeys()
        var properties = NameAllocator(reserved: SwiftLex.reservedMembers)
        let schemes = model.securitySchemes.map { scheme -> SwiftModule.Scheme in
            let literal: String
            switch scheme.kind {
            case .bearer: literal = ".bearer"
            case .basic: literal = ".basic"
            case .apiKey(let location, let name):
                literal = ".apiKey(location: \(SwiftLex.string(location)), name: \(SwiftLex.string(name)))"
            }
            return .init(
                name: scheme.name, property: properties.claim(SwiftLex.valueName(scheme.name, fallback: "scheme")),
                literal: literal, docs: SwiftLex.docLines(scheme.description), isToken: scheme.kind != .basic)
        }
        return SwiftModule(
            title: model.title, version: model.version,
            moduleName: options.moduleName ?? SwiftLex.typeName(model.title),
            defaultBaseURL: model.servers.first?.url ?? "http://localhost", schemes: schemes,
            types: types.declarations, operations: operations, realtime: realtime)
    }

    private func translate(
        _ operation: Operation, _ types: SwiftTypeTranslator, _ taken: inout Set<String>
    ) -> SwiftOperation {
        let base = SwiftLex.valueName(operation.id, fallback: "operation")
        var name = base
        var suffix = 2
        while taken.contains(name) || taken.contains(name + "Raw") || taken.contains(name + "Pages") {
            name = base + String(suffix)
            suffix += 1
        }
        taken.formUnion([name, name + "Raw", name + "Pages"])
        let pascal = Naming.upperFirst(name)
        let request = SwiftTypeTranslator.Usage(request: true, response: false)
        let response = SwiftTypeTranslator.Usage(request: false, response: true)

        var labels = NameAllocator(reserved: SwiftLex.reservedMembers.union(["body"]))
        var parameters = operation.parameters.map { parameter in
            SwiftOperation.Parameter(
                name: labels.claim(SwiftLex.valueName(parameter.name, fallback: "parameter")), key: parameter.name,
                location: parameter.location.rawValue, style: parameter.style, explode: parameter.explode,
                type: types.reference(
                    parameter.shape, hint: pascal + SwiftTypeTranslator.suffix(parameter.name), usage: request
                ).required,
                required: parameter.required || parameter.location == .path,
                docs: SwiftLex.docLines(parameter.description)
                    + (parameter.deprecated ? ["- Warning: Deprecated."] : []))
        }
        parameters = parameters.filter(\.required) + parameters.filter { !$0.required }
        let body = operation.body.map { body in
            let type =
                switch body.kind {
                case .binary: "Data"
                case .text: "String"
                default: types.reference(body.shape, hint: pascal + "Body", usage: request).required
                }
            return (
                kind: body.kind, mediaType: body.mediaType, type: type, required: body.required,
                docs: SwiftLex.docLines(body.description)
            )
        }

        var cases = NameAllocator(reserved: SwiftLex.reservedMembers.union(["undocumented"]))
        let responses = operation.responses.map { item in
            let caseName = cases.claim(Self.caseName(item.status))
            let type: String? =
                switch item.kind {
                case .empty: nil
                case .text: "String"
                case .binary: "Data"
                case .json:
                    types.reference(
                        item.shape ?? .any, hint: pascal + Naming.upperFirst(caseName) + "Body", usage: response
                    ).required
                }
            return SwiftOperation.Response(
                caseName: caseName, status: item.status, kind: item.kind, type: type,
                docs: SwiftLex.docLines(item.description))
        }
        let responseType = types.claim(pascal + "Response")
        let successes = responses.filter { $0.status.hasPrefix("2") }
        var successTypes: [String?] = []
        for success in successes where !successTypes.contains(success.type) { successTypes.append(success.type) }
        let successType =
            successTypes.isEmpty ? "Void" : successTypes.count == 1 ? (successTypes[0] ?? "Void") : responseType

        var docs = SwiftLex.docLines(operation.summary)
        let description = SwiftLex.docLines(operation.description)
        if !description.isEmpty { docs += (docs.isEmpty ? [] : [""]) + description }
        docs +=
            (docs.isEmpty ? [] : [""]) + [
                "`\(SwiftLex.inline(operation.method)) \(SwiftLex.inline(operation.path))` (`\(SwiftLex.inline(operation.id))`)"
            ]
        if operation.deprecated { docs.append("- Warning: Deprecated.") }
        var result = SwiftOperation(
            name: name, id: operation.id, method: operation.method, path: operation.path, docs: docs,
            parameters: parameters, body: body, responses: responses, security: operation.security,
            idempotent: operation.isIdempotent, binary: successes.first?.kind == .binary,
            responseType: responseType, successType: successType, pagination: nil)
        result.pagination = operation.pagination.flatMap { pagination($0, result, types) }
        return result
    }

    /// Pagination when every cursor parameter and the next-cursor property are strings.
    private func pagination(
        _ pagination: Operation.Pagination, _ operation: SwiftOperation, _ types: SwiftTypeTranslator
    ) -> (cursors: [String], next: String)? {
        let cursors = pagination.cursorParameters.compactMap { key in
            operation.parameters.first { $0.key == key && $0.location == "query" && !$0.required }
        }
        guard cursors.count == pagination.cursorParameters.count,
            cursors.allSatisfy({ isString($0.type, types) }),
            let page = types.declarations.first(where: { $0.name == operation.successType }),
            case .structure(let properties) = page.kind,
            let next = properties.first(where: { $0.key == pagination.nextCursorProperty }),
            !next.tristate, !next.boxed, isString(next.type.base, types)
        else { return nil }
        return (cursors.map(\.name), next.name)
    }

    private func isString(_ type: String, _ types: SwiftTypeTranslator, depth: Int = 0) -> Bool {
        if type == "String" { return true }
        guard depth < 8, let declaration = types.declarations.first(where: { $0.name == type }),
            case .alias(let target) = declaration.kind
        else { return false }
        return isString(target, types, depth: depth + 1)
    }

    private func realtime(_ realtime: SDKModel.Realtime, _ types: SwiftTypeTranslator) -> SwiftRealtime {
        func messages(
            _ list: [SDKModel.Realtime.Message], _ usage: SwiftTypeTranslator.Usage, _ suffix: String
        )
            -> [SwiftRealtime.Message]
        {
            var cases = NameAllocator()
            let reserved: Set<String> = ["unknown", "name", "data", "heartbeat"]
            return list.map { message in
                let description = SwiftLex.docLines(message.description)
                let summary = SwiftLex.docLines(message.summary)
                return .init(
                    name: message.name,
                    caseName: cases.claim(SwiftLex.valueName(message.name, fallback: "message", reserved: reserved)),
                    type: types.reference(
                        message.shape, hint: SwiftTypeTranslator.suffix(message.name) + suffix, usage: usage
                    ).required,
                    docs: summary + (description.isEmpty || summary.isEmpty ? [] : [""]) + description)
            }
        }
        let actions = messages(realtime.actions, .init(request: true, response: false), "Action")
        let events = messages(realtime.events, .init(request: false, response: true), "Event")
        var heartbeat: String?
        if let ping = actions.first(where: { $0.name == "ping" }),
            let declaration = types.declarations.first(where: { $0.name == ping.type }),
            case .structure(let properties) = declaration.kind, properties.allSatisfy(\.optional)
        {
            heartbeat = ".\(SwiftLex.escaped(ping.caseName))(\(ping.type)())"
        }
        return SwiftRealtime(
            docs: SwiftLex.docLines(realtime.description), path: realtime.path, tokenQuery: realtime.tokenQuery,
            actions: actions, events: events, heartbeat: heartbeat)
    }

    /// A response case name from its status: `200` → `ok`, `4XX` → `clientError`.
    static func caseName(_ status: String) -> String {
        let known: [String: String] = [
            "200": "ok", "201": "created", "202": "accepted", "203": "nonAuthoritativeInformation",
            "204": "noContent", "205": "resetContent", "206": "partialContent", "300": "multipleChoices",
            "301": "movedPermanently", "302": "found", "303": "seeOther", "304": "notModified",
            "307": "temporaryRedirect", "308": "permanentRedirect", "400": "badRequest", "401": "unauthorized",
            "402": "paymentRequired", "403": "forbidden", "404": "notFound", "405": "methodNotAllowed",
            "406": "notAcceptable", "408": "requestTimeout", "409": "conflict", "410": "gone",
            "411": "lengthRequired", "412": "preconditionFailed", "413": "contentTooLarge",
            "415": "unsupportedMediaType",
            "416": "rangeNotSatisfiable", "422": "unprocessableContent", "423": "locked", "428": "preconditionRequired",
            "429": "tooManyRequests", "500": "internalServerError", "501": "notImplemented", "502": "badGateway",
            "503": "serviceUnavailable", "504": "gatewayTimeout", "1XX": "informational", "2XX": "success",
            "3XX": "redirection", "4XX": "clientError", "5XX": "serverError", "default": "other",
        ]
        return known[status.uppercased()] ?? known[status.lowercased()] ?? SwiftLex.valueName("status " + status)
    }

    /// Which named types are sent (parameters, bodies, actions) and which received.
    private func usages() -> [String: SwiftTypeTranslator.Usage] {
        let shapes = Dictionary(model.types.map { ($0.name, $0.shape) }, uniquingKeysWith: { first, _ in first })
        func reachable(_ roots: [String]) -> Set<String> {
            var found: Set<String> = []
            var queue = roots
            while let name = queue.popLast() {
                guard found.insert(name).inserted, let shape = shapes[name] else { continue }
                queue += shape.references
            }
            return found
        }
        let sent = reachable(
            model.operations.flatMap { $0.parameters.flatMap(\.shape.references) + ($0.body?.shape.references ?? []) }
                + (model.realtime?.actions.flatMap(\.shape.references) ?? []))
        let received = reachable(
            model.operations.flatMap { $0.responses.flatMap { $0.shape?.references ?? [] } }
                + (model.realtime?.events.flatMap(\.shape.references) ?? []))
        var usages: [String: SwiftTypeTranslator.Usage] = [:]
        for name in sent.union(received) {
            usages[name] = .init(request: sent.contains(name), response: received.contains(name))
        }
        return usages
    }
}
