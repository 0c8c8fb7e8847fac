import ChatBackend

/// Runs changes one at a time, each with its event delivery, so every client sees events in the
/// order the changes were made (the order of message ids). Without it two concurrent sends could
/// get ids 1 and 2 and be delivered as 2, 1. An actor alone is not enough: it is re-entered at
/// every `await`, so waiters queue here instead.
actor EventSequencer {
    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func run<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        await enter()
        defer { leave() }
        return try await body()
    }

    private func enter() async {
        if busy {
            await withCheckedContinuation { waiters.append($0) }
        } else {
            busy = true
        }
    }

    private func leave() {
        if waiters.isEmpty {
            busy = false
        } else {
            waiters.removeFirst().resume()  // ownership passes straight to the next waiter
        }
    }
}

extension EventSequencer {
    /// Makes a change in turn and delivers the events it caused before the next change starts;
    /// REST handlers and WebSocket actions both change messages through this.
    func apply<T: Sendable>(
        delivering hub: RealtimeHub, _ change: @Sendable () async throws -> (T, [Delivery])
    ) async throws -> T {
        try await run {
            let (result, events) = try await change()
            await hub.deliver(events)
            return result
        }
    }
}
