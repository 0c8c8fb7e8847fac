import ArgumentParser
import ChatClient
import Foundation

/// `chat`: a command-line chat client on the generated `ChatClient`, for `chatsite serve` or a
/// deployed stack.
@main
struct Chat: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chat",
        abstract: "Chat from the command line.",
        discussion: """
            Log in once (`chat login`), then list and create rooms, send, read history and follow a \
            room live. ROOM is a room's id or its name. Tokens are kept in \
            ~/.config/chat/credentials.json (0600; $CHAT_HOME or $XDG_CONFIG_HOME move it).
            """,
        subcommands: [
            LoginCommand.self, LogoutCommand.self, RoomsCommand.self, CreateCommand.self, SendCommand.self,
            HistoryCommand.self, TailCommand.self,
        ]
    )
}

/// Runs a command's body, turning any error into one clear line on standard error and exit 1.
func running(_ options: GlobalOptions, _ body: (Session) async throws -> Void) async throws {
    let session: Session
    do { session = try Session(options) } catch { throw fail(error) }
    do { try await body(session) } catch let error as CleanExit { throw error } catch {
        throw fail(ChatError.explaining(error, server: session.server.absoluteString))
    }
}

func fail(_ error: ChatError) -> ExitCode {
    FileHandle.standardError.write(Data("chat: \(error.description)\n".utf8))
    return ExitCode(1)
}
