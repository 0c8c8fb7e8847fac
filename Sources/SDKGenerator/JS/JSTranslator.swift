/// Options for the JavaScript SDK.
public struct JSOptions: Sendable {
    public var packageName: String?
    public var packageVersion: String?
    /// Convert `date-time` fields to and from `Date` (else they stay strings).
    public var dates = true
    /// Also emit `apigClient.js`, the API Gateway console SDK's call shape.
    public var apiGatewayFacade = false

    public init(
        packageName: String? = nil, packageVersion: String? = nil, dates: Bool = true, apiGatewayFacade: Bool = false
    ) {
        self.packageName = packageName
        self.packageVersion = packageVersion
        self.dates = dates
        self.apiGatewayFacade = apiGatewayFacade
    }
}

/// Translates the language-neutral model into the JavaScript SDK's module: names, types and the
/// metadata each operation hands the runtime.
struct JSTranslator {
    let model: SDKModel
    let options: JSOptions

    /// Names the generated `index.js` itself declares or imports.
    static let moduleNames: Set<String> = [
        "createClient", "ApiError", "RealtimeClient", "SCHEMES", "DATES",
        "BASE_URL",
    ]

    func translate() -> JSModule {
        var typeNames = NameAllocator(reserved: JS.reservedTypeNames)
        var names: [String: String] = [:]
        for type in model.types { names[type.name] = typeNames.claim(JS.typeName(type.name)) }
        let inputs = inputTypes()
        var inputNames: [String: String] = [:]
        for type in model.types where inputs.contains(type.name) {
            inputNames[type.name] = typeNames.claim(names[type.name]! + "Input")
        }
        let ts = TSTypes(names: names, inputNames: inputNames, dates: options.dates)
        let dates = DateDescriptors(types: model.types)

        var declarations: [JSModule.TypeDeclaration] = []
        for type in model.types {
            declarations.append(declaration(names[type.name]!, type, .response, ts))
            if let input = inputNames[type.name] { declarations.append(declaration(input, type, .request, ts)) }
        }

        var valueNames = NameAllocator(reserved: JS.reservedWords.union(Self.moduleNames))
        let operations = model.operations.map { operation in
            translate(operation, name: valueNames.claim(JS.valueName(operation.id)), &typeNames, ts, dates)
        }
        return JSModule(
            title: model.title, version: options.packageVersion ?? model.version, summary: model.summary,
            defaultBaseURL: model.servers.first?.url ?? "", schemes: schemes(),
            types: declarations,
            dateTable: options.dates ? dates.table.map { ($0.name, $0.descriptor.literal) } : [],
            operations: operations, realtime: model.realtime.map { realtime($0, ts, dates) })
    }

    private func declaration(
        _ name: String, _ type: SDKModel.NamedType, _ view: TSTypes.View, _ ts: TSTypes
    ) -> JSModule.TypeDeclaration {
        var docs = Self.paragraphs(type.description)
        if view == .request {
            docs += (docs.isEmpty ? [] : [""]) + ["What a client sends as `\(ts.names[type.name]!)`."]
        }
        if type.deprecated { docs.append("@deprecated") }
        if case .object(let object) = type.shape {
            return .init(name: name, docs: docs, members: ts.members(object, view, indent: "  "), expression: "")
        }
        return .init(name: name, docs: docs, members: nil, expression: ts.render(type.shape, view))
    }

    private func translate(
        _ operation: Operation, name: String, _ typeNames: inout NameAllocator, _ ts: TSTypes, _ dates: DateDescriptors
    ) -> JSOperation {
        var keys = NameAllocator(reserved: ["body"])
        let parameters = operation.parameters.map { parameter in
            var key = keys.claim(parameter.name)
            if key != parameter.name { key = keys.claim(parameter.name + "_" + parameter.location.rawValue) }
            var docs = Self.paragraphs(parameter.description)
            if parameter.deprecated { docs.append("@deprecated") }
            return JSOperation.Parameter(
                key: key, name: parameter.name, location: parameter.location.rawValue, style: parameter.style,
                explode: parameter.explode, required: parameter.required,
                type: ts.render(parameter.shape, .request, indent: "  "),
                docs: docs)
        }
        let body = operation.body.map { body in
            (
                kind: body.kind.rawValue, mediaType: body.mediaType,
                type: ts.render(body.shape, .request, indent: "  "),
                required: body.required, description: body.description
            )
        }
        let responses = operation.responses.map { response in
            JSOperation.Response(
                status: response.status, type: response.shape.map { ts.render($0, .response) } ?? "undefined",
                description: response.description)
        }
        let successes = operation.responses.filter(\.isSuccess)
        var successTypes: [String] = []
        for response in successes {
            let type = response.shape.map { ts.render($0, .response) } ?? "void"
            if !successTypes.contains(type) { successTypes.append(type) }
        }
        let successShape = successes.first { $0.kind == .json }?.shape
        let pascal = Naming.upperFirst(name)
        var docs = Self.paragraphs(operation.summary)
        let description = Self.paragraphs(operation.description)
        if !description.isEmpty { docs += (docs.isEmpty ? [] : [""]) + description }
        docs += (docs.isEmpty ? [] : [""]) + ["`\(operation.method) \(operation.path)` (`\(operation.id)`)"]
        if operation.deprecated { docs.append("@deprecated") }
        return JSOperation(
            name: name, id: operation.id, method: operation.method, path: operation.path, docs: docs,
            parameters: parameters, body: body, responses: responses,
            successType: successTypes.isEmpty ? "void" : successTypes.joined(separator: " | "),
            security: operation.security, idempotentPost: operation.hasIdempotencyKey,
            datesLiteral: options.dates ? successShape.flatMap(dates.descriptor)?.literal : nil,
            binary: successes.first?.kind == .binary, pagination: operation.pagination,
            argsTypeName: typeNames.claim(pascal + "Args"), rawTypeName: typeNames.claim(pascal + "Raw"))
    }

    private func schemes() -> [(name: String, literal: String, tsCredential: String, description: String?)] {
        model.securitySchemes.map { scheme in
            switch scheme.kind {
            case .bearer: (scheme.name, "{ type: \"bearer\" }", "Credential<string>", scheme.description)
            case .basic: (scheme.name, "{ type: \"basic\" }", "Credential<BasicCredential>", scheme.description)
            case .apiKey(let location, let name):
                (
                    scheme.name, "{ type: \"apiKey\", in: \(JS.string(location)), name: \(JS.string(name)) }",
                    "Credential<string>",
                    scheme.description
                )
            }
        }
    }

    private func realtime(_ realtime: SDKModel.Realtime, _ ts: TSTypes, _ dates: DateDescriptors) -> JSRealtime {
        let baseMembers: Set<String> = ["connect", "close", "send", "on", "state", "constructor"]
        var methods = NameAllocator(reserved: baseMembers.union(JS.reservedWords))
        func docs(_ message: SDKModel.Realtime.Message) -> [String] {
            let description = Self.paragraphs(message.description)
            return Self.paragraphs(message.summary) + (description.isEmpty ? [] : [""] + description)
        }
        let actions = realtime.actions.map { action in
            JSRealtime.Message(
                name: action.name, method: methods.claim(JS.valueName(action.name)),
                type: ts.render(action.shape, .request, indent: "  "), dataOptional: requiresNothing(action.shape),
                docs: docs(action), datesLiteral: nil)
        }
        let events = realtime.events.map { event in
            JSRealtime.Message(
                name: event.name, method: "", type: ts.render(event.shape, .response, indent: "  "),
                dataOptional: false,
                docs: docs(event), datesLiteral: options.dates ? dates.descriptor(event.shape)?.literal : nil)
        }
        return JSRealtime(
            docs: Self.paragraphs(realtime.description), path: realtime.path, tokenQuery: realtime.tokenQuery,
            pingAction: realtime.actions.first { $0.name == "ping" }?.name, actions: actions, events: events)
    }

    /// Whether an action's data may be left out: its object shape requires no property.
    private func requiresNothing(_ shape: TypeShape) -> Bool {
        guard case .named(let name) = shape, let type = model.types.first(where: { $0.name == name }) else {
            return false
        }
        if case .object(let object) = type.shape { return !object.properties.contains(where: \.required) }
        return false
    }

    /// The named types a client sends (reachable from parameters, bodies and realtime actions)
    /// whose request view differs from their response view.
    private func inputTypes() -> Set<String> {
        let shapes = Dictionary(model.types.map { ($0.name, $0.shape) }, uniquingKeysWith: { first, _ in first })
        var reachable: Set<String> = []
        var queue =
            model.operations.flatMap { operation in
                operation.parameters.flatMap(\.shape.references) + (operation.body?.shape.references ?? [])
            } + (model.realtime?.actions.flatMap(\.shape.references) ?? [])
        while let name = queue.popLast() {
            guard reachable.insert(name).inserted, let shape = shapes[name] else { continue }
            queue += shape.references
        }
        var differing: Set<String> = []
        var changed = true
        while changed {
            changed = false
            for name in reachable where !differing.contains(name) {
                if let shape = shapes[name], differs(shape, differing) {
                    differing.insert(name)
                    changed = true
                }
            }
        }
        return differing
    }

    private func differs(_ shape: TypeShape, _ differing: Set<String>) -> Bool {
        switch shape {
        case .dateTime: return options.dates
        case .named(let name): return differing.contains(name)
        case .array(let inner), .map(let inner), .nullable(let inner): return differs(inner, differing)
        case .object(let object):
            return object.properties.contains { $0.readOnly || $0.writeOnly || differs($0.shape, differing) }
                || object.additional.map { differs($0, differing) } ?? false
        case .union(let shapes, _), .intersection(let shapes): return shapes.contains { differs($0, differing) }
        default: return false
        }
    }

    /// A spec text as comment lines (trailing blanks dropped).
    static func paragraphs(_ text: String?) -> [String] {
        guard let text else { return [] }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            String($0.contains("\t") ? $0.replacing("\t", with: "  ") : $0).trimmingTrailingWhitespace()
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }
}

extension String {
    func trimmingTrailingWhitespace() -> String {
        var copy = self
        while copy.last?.isWhitespace == true { copy.removeLast() }
        return copy
    }
}
