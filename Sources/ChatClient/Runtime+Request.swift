// The chatsite Swift client runtime: requests as the generated operations describe them, with
// OpenAPI parameter serialisation. Written by hand, copied unchanged into every generated client.
import Foundation

/// One operation's request before credentials: what the generated methods fill in.
struct OperationRequest: Sendable {
    let id: String
    let method: String
    /// The path with its parameters filled in, percent-encoded.
    var path: String
    /// Security alternatives: the first whose schemes all have a credential is applied.
    let security: [[String]]
    /// Whether repeating the request is safe (retries are allowed).
    let idempotent: Bool
    var query: [String] = []
    var headers: [(String, String)] = []
    var cookies: [String] = []
    var body: Data?
    var contentType: String?
    var accept = "application/json"

    init(_ id: String, _ method: String, _ path: String, security: [[String]], idempotent: Bool) {
        self.id = id
        self.method = method
        self.path = path
        self.security = security
        self.idempotent = idempotent
    }

    mutating func path<T: Encodable>(_ name: String, _ value: T, style: String = "simple", explode: Bool = false) throws {
        let text = ParameterEncoding.expand(name, try ParameterEncoding.json(value), style, explode)
        path = path.replacingOccurrences(of: "{\(name)}", with: text ?? "")
    }

    mutating func query<T: Encodable>(_ name: String, _ value: T?, style: String = "form", explode: Bool = true) throws {
        guard let value, let text = ParameterEncoding.expand(name, try ParameterEncoding.json(value), style, explode)
        else { return }
        query.append(text)
    }

    mutating func header<T: Encodable>(_ name: String, _ value: T?, explode: Bool = false) throws {
        guard let value,
            let text = ParameterEncoding.expand(name, try ParameterEncoding.json(value), "simple", explode, encode: false)
        else { return }
        headers.append((name.lowercased(), text))
    }

    mutating func cookie<T: Encodable>(_ name: String, _ value: T?, explode: Bool = true) throws {
        guard let value, let text = ParameterEncoding.expand(name, try ParameterEncoding.json(value), "form", explode)
        else { return }
        cookies.append(text)
    }

    mutating func json<T: Encodable>(_ value: T, contentType: String = "application/json") throws {
        body = try JSONCoding.encoder().encode(value)
        self.contentType = contentType
    }

    /// `application/x-www-form-urlencoded`: each property a field; objects as JSON text.
    mutating func form<T: Encodable>(_ value: T) throws {
        var fields: [String] = []
        for (name, item) in ParameterEncoding.fields(try ParameterEncoding.json(value)) {
            fields.append(ParameterEncoding.encode(name) + "=" + ParameterEncoding.encode(item))
        }
        body = Data(fields.joined(separator: "&").utf8)
        contentType = "application/x-www-form-urlencoded"
    }

    /// `multipart/form-data`: each property a part; objects as JSON text.
    mutating func multipart<T: Encodable>(_ value: T) throws {
        let boundary = "chatsite-" + UUID().uuidString
        var data = Data()
        for (name, item) in ParameterEncoding.fields(try ParameterEncoding.json(value)) {
            let safeName = name.replacingOccurrences(of: "\"", with: "%22")
            data.append(Data("--\(boundary)\r\ncontent-disposition: form-data; name=\"\(safeName)\"\r\n\r\n".utf8))
            data.append(Data(item.utf8))
            data.append(Data("\r\n".utf8))
        }
        data.append(Data("--\(boundary)--\r\n".utf8))
        body = data
        contentType = "multipart/form-data; boundary=\(boundary)"
    }

    mutating func binary(_ value: Data, contentType: String) {
        body = value
        self.contentType = contentType
    }

    mutating func text(_ value: String, contentType: String) {
        body = Data(value.utf8)
        self.contentType = contentType
    }
}

/// OpenAPI 3 parameter styles over JSON values (the same rules as the JavaScript runtime).
enum ParameterEncoding {
    /// Like JavaScript's `encodeURIComponent`.
    static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()")

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    static func json<T: Encodable>(_ value: T) throws -> JSONValue {
        if let value = value as? JSONValue { return value }
        if let value = value as? String { return .string(value) }
        return try JSONCoding.decoder().decode(JSONValue.self, from: JSONCoding.encoder().encode(value))
    }

    static func scalar(_ value: JSONValue) -> String? {
        switch value {
        case .null: nil
        case .bool(let flag): flag ? "true" : "false"
        case .int(let number): String(number)
        case .double(let number): number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
        case .string(let text): text
        case .array, .object: String(decoding: (try? JSONCoding.encoder().encode(value)) ?? Data(), as: UTF8.self)
        }
    }

    /// The fields of a form body.
    static func fields(_ value: JSONValue) -> [(String, String)] {
        guard case .object(let members) = value else { return [] }
        var fields: [(String, String)] = []
        for (name, member) in members.sorted(by: { $0.key < $1.key }) {
            let items: [JSONValue] = if case .array(let items) = member { items } else { [member] }
            for item in items { if let text = scalar(item) { fields.append((name, text)) } }
        }
        return fields
    }

    /// One parameter as `style` and `explode` expand it; nil when there is nothing to send.
    static func expand(
        _ name: String, _ value: JSONValue, _ style: String, _ explode: Bool, encode: Bool = true
    ) -> String? {
        func put(_ text: String) -> String { encode ? Self.encode(text) : text }
        let encodedName = put(name)
        let named = style != "simple" && style != "label" ? encodedName + "=" : ""
        let prefix = style == "label" ? "." : style == "matrix" ? ";" : ""
        let separator =
            explode
            ? (prefix.isEmpty ? (named.isEmpty ? "," : "&") : prefix)
            : style == "pipeDelimited" ? "|" : style == "spaceDelimited" ? "%20" : ","
        var items: [String]
        switch value {
        case .null: return nil
        case .object(let members):
            let pairs = members.sorted { $0.key < $1.key }.compactMap { key, item in scalar(item).map { (key, $0) } }
            if style == "deepObject" {
                return pairs.map { "\(encodedName)[\(put($0.0))]=\(put($0.1))" }.joined(separator: "&")
            }
            if explode { return prefix + pairs.map { put($0.0) + "=" + put($0.1) }.joined(separator: separator) }
            items = pairs.flatMap { [put($0.0), put($0.1)] }
        case .array(let values): items = values.compactMap(scalar).map(put)
        default: items = [scalar(value).map(put) ?? ""]
        }
        if explode { return prefix + items.map { named + $0 }.joined(separator: separator) }
        return prefix + named + items.joined(separator: separator)
    }
}

/// Every page of a cursor-paginated operation, fetched as the loop asks for them. Ends when a
/// page has no next cursor (nil or empty) or repeats the last one.
///
/// ```swift
/// for try await page in client.listRoomsPages() { print(page.items.count) }
/// ```
public struct Pages<Page: Sendable>: AsyncSequence, Sendable {
    public typealias Element = Page
    let first: String?
    let fetch: @Sendable (String?) async throws -> Page
    let next: @Sendable (Page) -> String?

    init(
        first: String?, fetch: @escaping @Sendable (String?) async throws -> Page,
        next: @escaping @Sendable (Page) -> String?
    ) {
        self.first = first
        self.fetch = fetch
        self.next = next
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(cursor: first, pages: self)
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        var cursor: String?
        let pages: Pages
        var done = false

        public mutating func next() async throws -> Page? {
            guard !done else { return nil }
            let page = try await pages.fetch(cursor)
            let following = pages.next(page)
            if following == nil || following == "" || following == cursor { done = true } else { cursor = following }
            return page
        }
    }
}
