/// Renders `index.d.ts`: the types of every schema, operation and realtime message.
struct DTSRenderer {
    let module: JSModule

    func render() -> String {
        var out = CodeWriter()
        out.line("// \(JS.commentSafe(JSRenderer.banner(module)))")
        out.line(
            "import type { BasicCredential, Client, ClientConfig, Credential, RawResponse, RealtimeOptions, RequestOptions } from \"./runtime.js\";"
        )
        out.line("import { Realtime } from \"./runtime.js\";")
        out.line()
        out.line("export { ApiError } from \"./runtime.js\";")
        out.line(
            "export type { BasicCredential, Client, ClientConfig, Credential, RawResponse, RealtimeOptions, RequestOptions } from \"./runtime.js\";"
        )
        out.line()
        out.docComment(["The API's default base URL: the spec's first server."])
        out.line("export declare const BASE_URL: string;")
        out.line()
        out.docComment(["Credentials by security scheme; each operation uses the ones it requires."])
        out.block("export interface Auth {") { out in
            for scheme in module.schemes {
                out.docComment(JSTranslator.paragraphs(scheme.description))
                out.line("\(JS.propertyKey(scheme.name))?: \(scheme.tsCredential);")
            }
        }
        out.line()
        out.docComment(JSRenderer.createClientDocs)
        out.line("export declare function createClient(config?: ClientConfig<Auth>): Client;")
        for type in module.types { render(type, &out) }
        for operation in module.operations { render(operation, &out) }
        if let realtime = module.realtime { render(realtime, &out) }
        return out.text
    }

    private func render(_ type: JSModule.TypeDeclaration, _ out: inout CodeWriter) {
        out.line()
        out.docComment(type.docs)
        if let members = type.members {
            if members.isEmpty {
                out.line("export interface \(type.name) {}")
            } else {
                out.line("export interface \(type.name) {")
                for member in members { out.line(member) }
                out.line("}")
            }
        } else {
            out.line("export type \(type.name) = \(type.expression);")
        }
    }

    private func render(_ operation: JSOperation, _ out: inout CodeWriter) {
        out.line()
        let argsType: String
        if operation.hasArgs {
            argsType = operation.argsTypeName
            out.docComment(["The arguments of `\(operation.name)`: its parameters and body."])
            out.block("export interface \(operation.argsTypeName) {") { out in
                for parameter in operation.parameters {
                    out.docComment(
                        parameter.docs.isEmpty ? ["`\(parameter.name)` in \(parameter.location)."] : parameter.docs)
                    out.line("\(JS.propertyKey(parameter.key))\(parameter.required ? "" : "?"): \(parameter.type);")
                }
                if let body = operation.body {
                    out.docComment(
                        (JSTranslator.paragraphs(body.description).isEmpty
                            ? ["The request body (`\(body.mediaType)`)."] : JSTranslator.paragraphs(body.description)))
                    out.line("body\(body.required ? "" : "?"): \(body.type);")
                }
            }
            out.line()
        } else {
            argsType = "Record<string, never>"
        }
        let variants = operation.responses.map { response in
            let status = Int(response.status).map(String.init) ?? "number"
            return "RawResponse<\(status), \(response.type)>"
        }
        out.docComment(["Every response `\(operation.name)` can give, by status, for `{ raw: true }`."])
        out.line(
            "export type \(operation.rawTypeName) = \(variants.isEmpty ? "RawResponse<number, unknown>" : variants.joined(separator: " | "));"
        )
        let args = "args\(operation.hasRequiredArgs ? "" : "?"): \(argsType)"
        out.line()
        out.docComment(operation.docs)
        out.line(
            "export declare function \(operation.name)(client: Client, \(args), options?: RequestOptions & { raw?: false }): Promise<\(operation.successType)>;"
        )
        // A required parameter cannot follow an optional one: the raw overload spells `| undefined`.
        let rawArgs = operation.hasRequiredArgs ? args : "args: \(argsType) | undefined"
        out.line(
            "export declare function \(operation.name)(client: Client, \(rawArgs), options: RequestOptions & { raw: true }): Promise<\(operation.rawTypeName)>;"
        )
        if operation.pagination != nil {
            out.line()
            out.docComment(["Every page of `\(operation.name)`."])
            out.line(
                "export declare function \(operation.name)Pages(client: Client, \(args), options?: RequestOptions): AsyncGenerator<\(operation.successType), void, undefined>;"
            )
        }
    }

    private func render(_ realtime: JSRealtime, _ out: inout CodeWriter) {
        out.line()
        messageMap("RealtimeEvents", "The data of each server event, by event type.", realtime.events, &out)
        messageMap("RealtimeActions", "The data of each client action, by action name.", realtime.actions, &out)
        out.docComment(["The realtime (WebSocket) client, typed by the spec's actions and events."])
        out.block("export declare class RealtimeClient extends Realtime<RealtimeEvents, RealtimeActions> {") { out in
            out.line("constructor(options: RealtimeOptions);")
            for action in realtime.actions {
                out.docComment(action.docs)
                out.line(
                    "\(JS.propertyKey(action.method))(data\(action.dataOptional ? "?" : ""): \(action.type)): void;")
            }
        }
    }

    /// An interface mapping each realtime message's name to the type of its data.
    private func messageMap(
        _ name: String, _ summary: String, _ messages: [JSRealtime.Message], _ out: inout CodeWriter
    ) {
        out.docComment([summary])
        out.block("export interface \(name) {") { out in
            for message in messages {
                out.docComment(message.docs)
                out.line("\(JS.propertyKey(message.name)): \(message.type);")
            }
        }
        out.line()
    }
}
