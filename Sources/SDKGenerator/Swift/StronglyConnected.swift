/// Tarjan's strongly connected components; `component` maps each node to its component's number.
struct StronglyConnected {
    private(set) var component: [String: Int] = [:]
    private var index: [String: Int] = [:]
    private var low: [String: Int] = [:]
    private var stack: [String] = []
    private var onStack: Set<String> = []
    private var counter = 0
    private var components = 0

    init(_ edges: [String: [String]]) {
        for node in edges.keys.sorted() where index[node] == nil { visit(node, edges) }
    }

    private mutating func visit(_ node: String, _ edges: [String: [String]]) {
        index[node] = counter
        low[node] = counter
        counter += 1
        stack.append(node)
        onStack.insert(node)
        for next in edges[node] ?? [] {
            if index[next] == nil {
                visit(next, edges)
                low[node] = min(low[node]!, low[next]!)
            } else if onStack.contains(next) {
                low[node] = min(low[node]!, index[next]!)
            }
        }
        guard low[node] == index[node] else { return }
        var members: [String] = []
        while let top = stack.popLast() {
            onStack.remove(top)
            members.append(top)
            if top == node { break }
        }
        // A single node is its own cycle only when it points at itself.
        if members.count > 1 || (edges[node] ?? []).contains(node) {
            for member in members { component[member] = components }
            components += 1
        }
    }
}
