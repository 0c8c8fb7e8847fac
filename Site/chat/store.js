// The app's shared state: the signed-in user, the user directory with presence, and the rooms.
// Views subscribe to the changes they show (`on("room", …)`) and update only what changed.
// Messages are not here: each room's message list keeps its own (see messages.js).

import { toDate } from "./dom.js";

export class Store {
  constructor() {
    this.me = null;
    this.users = new Map(); // id → User (with status and lastSeenAt)
    this.rooms = new Map(); // id → Room (as the caller sees it, with unreadCount)
    this.currentRoomId = null;
    this.handlers = new Map();
  }

  /** Subscribes to one kind of change; returns a function that unsubscribes. */
  on(type, handler) {
    if (!this.handlers.has(type)) this.handlers.set(type, new Set());
    this.handlers.get(type).add(handler);
    return () => this.handlers.get(type).delete(handler);
  }

  emit(type, detail) {
    for (const handler of this.handlers.get(type) ?? []) handler(detail);
  }

  // --- Users and presence ---

  setUsers(users) {
    for (const user of users) this.users.set(user.id, user);
    this.emit("users");
  }

  /** A presence event: `{userId, status, lastSeenAt}`. */
  setPresence({ userId, status, lastSeenAt }) {
    const user = this.users.get(userId);
    if (!user) return false; // unknown yet: the caller reloads the directory
    user.status = status;
    user.lastSeenAt = lastSeenAt;
    this.emit("presence", user);
    return true;
  }

  /** The name to show for a user id. */
  userName(id) {
    if (id === this.me?.id) return this.me.displayName;
    return this.users.get(id)?.displayName ?? "Unknown user";
  }

  isOnline(id) {
    return this.users.get(id)?.status === "online";
  }

  // --- Rooms ---

  /** Replaces the room list (first load and after a reconnect). */
  setRooms(rooms) {
    const ids = new Set(rooms.map((room) => room.id));
    for (const id of [...this.rooms.keys()]) if (!ids.has(id)) this.removeRoom(id);
    for (const room of rooms) this.upsertRoom(room);
  }

  upsertRoom(room) {
    const known = this.rooms.has(room.id);
    this.rooms.set(room.id, room);
    this.emit("room", { room, added: !known });
  }

  removeRoom(roomId, reason = "deleted") {
    if (!this.rooms.delete(roomId)) return;
    this.emit("roomRemoved", { roomId, reason });
  }

  /** The rooms, most recent activity first (as the API lists them). */
  sortedRooms() {
    return [...this.rooms.values()].sort((a, b) => toDate(b.lastActivityAt) - toDate(a.lastActivityAt));
  }

  /**
   * A new message (top-level or reply) arrived: move the room's activity forward and, for messages
   * by others that the user is not looking at, count it as unread. The server's count replaces
   * ours whenever it sends the room (`roomUpdated`, e.g. after markRead).
   */
  noteMessage(message, { seen }) {
    const room = this.rooms.get(message.roomId);
    if (!room) return;
    if (!room.lastMessage || room.lastMessage.id < message.id) {
      room.lastMessage = {
        id: message.id, authorId: message.authorId, text: message.text.slice(0, 200),
        threadId: message.threadId, createdAt: message.createdAt,
      };
      room.lastActivityAt = message.createdAt;
    }
    if (message.authorId !== this.me.id && !seen) room.unreadCount += 1;
    this.emit("room", { room, added: false });
  }

  /** Sum of unread messages, for the document title. */
  totalUnread() {
    let total = 0;
    for (const room of this.rooms.values()) total += room.unreadCount;
    return total;
  }
}
