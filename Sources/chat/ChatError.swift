import ChatClient
import Foundation

/// A problem `chat` explains in one line and exits 1 on.
struct ChatError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }

    /// The sentence for any error a command ran into: the API's own message and request id when
    /// it answered, what to do when the server could not be reached.
    static func explaining(_ error: any Error, server: String) -> ChatError {
        switch error {
        case let error as ChatError:
            return error
        case let error as APIError:
            if error.status == 401 {
                return ChatError("\(server) refused the saved token (401); run `chat login` again")
            }
            return ChatError(error.description)
        case let error as URLError:
            return ChatError(
                "cannot reach \(server) (\(error.localizedDescription)); is `chatsite serve` running, "
                    + "or is --server right?")
        default:
            return ChatError("\(error)")
        }
    }
}
