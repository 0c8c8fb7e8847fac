/// Renders `apigClient.js` and `apigClient.d.ts`: the API Gateway console SDK's call shape,
/// `apigClientFactory.newClient(config).conversationsIdPost(params, body, additionalParams)`,
/// over this SDK's runtime, so a frontend written for the console SDK switches by one import.
struct FacadeRenderer {
    let module: JSModule

    /// The console SDK's method name: path segments camel-cased, braces dropped, then the verb
    /// (`POST /conversations/{id}` → `conversationsIdPost`; `/` is `root`).
    static func methodName(_ operation: JSOperation) -> String {
        let segments = operation.path.split(separator: "/").map { Naming.pascalCase(String($0)) }.filter { !$0.isEmpty }
        let stem = segments.isEmpty ? "Root" : segments.joined()
        return JS.valueName(Naming.lowerFirst(stem) + Naming.upperFirst(operation.method.lowercased()))
    }

    func renderJS() -> String {
        var out = CodeWriter()
        out.line("// \(JS.commentSafe(JSRenderer.banner(module)))")
        out.line("import { request } from \"./runtime.js\";")
        out.line("import { createClient } from \"./index.js\";")
        out.line()
        out.line("// Wire names are the keys here: the console SDK takes parameters by their spec names.")
        out.block("const OPERATIONS = {", "};") { out in
            var names = NameAllocator()
            for operation in module.operations {
                var wire = operation
                wire.parameters = operation.parameters.map {
                    var copy = $0; copy.key = $0.name; return copy
                }
                wire.datesLiteral = nil
                out.line("\(JS.propertyKey(names.claim(Self.methodName(operation)))): \(JSRenderer.metadata(wire)),")
            }
        }
        out.line()
        out.block("async function call(client, op, params, body, additional = {}) {") { out in
            out.line("const args = { ...params };")
            out.line("const extra = Object.keys(additional.queryParams ?? {});")
            out.line("for (const name of extra) args[name] = additional.queryParams[name];")
            out.line("if (body !== undefined) args.body = body;")
            out.line("// Like the console SDK, a string body is sent as it is.")
            out.line("const kind = typeof body === \"string\" ? \"text\" : op.body;")
            out.line(
                "const wire = { ...op, body: kind, params: [...(op.params ?? []), ...extra.map((n) => [n, n, \"query\", \"form\", true])] };"
            )
            out.line("const response = await request(client, wire, args, { headers: additional.headers, raw: true });")
            out.line("const result = { status: response.status, data: response.data, headers: response.headers };")
            out.line("if (response.ok) return result;")
            out.line(
                "throw Object.assign(new Error(`${op.id}: HTTP ${response.status}`), { status: response.status, response: result });"
            )
        }
        out.line()
        out.docComment([
            "The console SDK's factory. `config.invokeUrl` is the stage URL; `apiKey` goes in",
            "`x-api-key`; `auth` takes credentials by security scheme as `createClient` does. IAM",
            "(SigV4) signing is not supported: use a Cognito or API-key authorizer.",
        ])
        out.block("export const apigClientFactory = {", "};") { out in
            out.block("newClient(config = {}) {") { out in
                out.line("const headers = { ...config.headers };")
                out.line("if (config.apiKey) headers[\"x-api-key\"] = config.apiKey;")
                out.line(
                    "const client = createClient({ baseUrl: config.invokeUrl, auth: config.auth, headers, fetch: config.fetch });"
                )
                out.line("const api = {};")
                out.block("for (const [name, op] of Object.entries(OPERATIONS)) {") { out in
                    out.line("api[name] = (params, body, additional) => call(client, op, params, body, additional);")
                }
                out.line("return api;")
            }
        }
        return out.text
    }

    func renderDTS() -> String {
        var out = CodeWriter()
        out.line("// \(JS.commentSafe(JSRenderer.banner(module)))")
        let names = ["Auth"] + module.types.map(\.name)
        out.line("import type { \(names.joined(separator: ", ")) } from \"./index.js\";")
        out.line()
        out.block("export interface ApigResponse<T = unknown> {") { out in
            out.line("status: number;")
            out.line("data: T;")
            out.line("headers: Headers;")
        }
        out.line()
        out.block("export interface ApigConfig {") { out in
            out.line("invokeUrl?: string;")
            out.line("apiKey?: string;")
            out.line("auth?: Auth;")
            out.line("headers?: Record<string, string>;")
            out.line("fetch?: typeof fetch;")
        }
        out.line()
        out.block("export interface AdditionalParams {") { out in
            out.line("headers?: Record<string, string>;")
            out.line("queryParams?: Record<string, string>;")
        }
        out.line()
        out.block("export interface ApigClient {") { out in
            var names = NameAllocator()
            for operation in module.operations {
                let fields = operation.parameters.map {
                    "\(JS.propertyKey($0.name))\($0.required ? "" : "?"): \($0.type)"
                }
                let params = fields.isEmpty ? "Record<string, never>" : "{ " + fields.joined(separator: "; ") + " }"
                let required = operation.parameters.contains(where: \.required)
                let body = operation.body.map { $0.type } ?? "undefined"
                out.docComment(operation.docs)
                out.line(
                    "\(JS.propertyKey(names.claim(Self.methodName(operation))))(params\(required ? "" : "?"): \(params), body?: \(body), additionalParams?: AdditionalParams): Promise<ApigResponse<\(operation.successType)>>;"
                )
            }
        }
        out.line()
        out.line("export declare const apigClientFactory: { newClient(config?: ApigConfig): ApigClient };")
        return out.text
    }
}
