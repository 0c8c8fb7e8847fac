import ChatClient
import Foundation
import Testing

/// The runtime's one `==` for every generated type means what a synthesized `==` would.
@Suite("Model equality")
struct ModelEqualityTests {
    struct Tree: Model {
        var name: String
        @Indirect var child: Tree?
        var weight: Double
        var tags: [String: Int]?
    }

    indirect enum Node: Model {
        case leaf(Tree)
        case label(String)
        case nested(Node)
    }

    static let tree = Tree(name: "a", child: Tree(name: "b", child: nil, weight: 1, tags: ["x": 1]), weight: 2)

    @Test func structsCompareEveryStoredPropertyDeeply() {
        var other = Self.tree
        #expect(other == Self.tree)
        other.child?.tags = ["x": 2]
        #expect(other != Self.tree, "a difference two levels down")
        other.child?.tags = ["x": 1]
        #expect(other == Self.tree)
        other.child = nil
        #expect(other != Self.tree && Self.tree != other, "nil against a value, either way round")
        other = Self.tree
        other.weight = 2.000_000_1
        #expect(other != Self.tree)
    }

    @Test func numbersCompareAsSwiftDoes() {
        var nan = Self.tree
        nan.weight = .nan
        #expect(nan != nan)
        var negativeZero = Self.tree
        negativeZero.weight = -0.0
        var zero = Self.tree
        zero.weight = 0
        #expect(negativeZero == zero)
    }

    @Test func unionsCompareTheCaseAndItsValue() {
        #expect(Node.leaf(Self.tree) == .leaf(Self.tree))
        #expect(Node.label("a") != .leaf(Self.tree))
        #expect(Node.label("a") != .label("b"))
        #expect(Node.nested(.label("a")) == .nested(.label("a")))
        #expect(Node.nested(.label("a")) != .nested(.label("b")))
    }

    @Test func generatedModelsCompareDatesExactly() {
        let now = Date()
        let message = Message(
            id: "m", roomId: "r", clientId: "c", authorId: "u", text: "hi", threadId: nil, replyCount: 0,
            createdAt: now, editedAt: nil)
        var later = message
        later.createdAt = now + 0.000_01
        #expect(message == message)
        #expect(later != message)
        later.createdAt = now
        later.editedAt = now
        #expect(later != message)
    }
}
