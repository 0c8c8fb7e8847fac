// Who is here: the current room's members with their presence (online, or when last seen), and
// who is typing in it. Presence comes from the user directory (listUsers) and `presence` events;
// typing from `typing` events, each valid for 6 s unless renewed (the protocol's rule).

import { h, relativeTime } from "./dom.js";

const TYPING_TIMEOUT_MS = 6000;

export class PeopleList {
  /** `els`: section (hidden when no room), list. */
  constructor(store, els) {
    this.store = store;
    this.els = els;
    const render = () => this.render();
    for (const type of ["current", "users", "presence"]) store.on(type, render);
    store.on("room", ({ room }) => {
      if (room.id === store.currentRoomId) render();
    });
    // "last seen 5 minutes ago" ages; refresh it now and then.
    setInterval(render, 60_000);
  }

  render() {
    const room = this.store.rooms.get(this.store.currentRoomId);
    this.els.section.hidden = !room;
    if (!room) return this.els.list.replaceChildren();
    // Online first, then by name. At most 100 members, so rebuilding this list is cheap.
    const members = room.members
      .map((id) => ({ id, name: this.store.userName(id), user: this.store.users.get(id) }))
      .sort((a, b) => (this.store.isOnline(b.id) - this.store.isOnline(a.id)) || a.name.localeCompare(b.name));
    this.els.list.replaceChildren(
      ...members.map(({ id, name, user }) => {
        const online = this.store.isOnline(id);
        const detail = online ? "online" : user?.lastSeenAt ? `last seen ${relativeTime(user.lastSeenAt)}` : "offline";
        return h(
          "li",
          { class: `person ${online ? "is-online" : "is-offline"}` },
          h("span", { class: "presence-dot", attrs: { "aria-hidden": "true" } }),
          h("span", { class: "person-name", text: id === this.store.me.id ? `${name} (you)` : name }),
          h("span", { class: "person-status", text: detail }),
        );
      }),
    );
  }
}

export class TypingIndicator {
  constructor(store, el) {
    this.store = store;
    this.el = el;
    this.timers = new Map(); // "roomId userId" → timeout
    store.on("current", () => this.render());
  }

  /** A `typing` event. */
  set({ roomId, userId, isTyping }) {
    if (userId === this.store.me.id) return; // our other tabs
    const key = `${roomId} ${userId}`;
    clearTimeout(this.timers.get(key));
    if (isTyping) this.timers.set(key, setTimeout(() => this.stop(roomId, userId), TYPING_TIMEOUT_MS));
    else this.timers.delete(key);
    if (roomId === this.store.currentRoomId) this.render();
  }

  /** Stops showing a user as typing (their message arrived, or the 6 s passed). */
  stop(roomId, userId) {
    const key = `${roomId} ${userId}`;
    if (!this.timers.has(key)) return;
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    if (roomId === this.store.currentRoomId) this.render();
  }

  render() {
    const prefix = `${this.store.currentRoomId} `;
    const names = [...this.timers.keys()]
      .filter((key) => key.startsWith(prefix))
      .map((key) => this.store.userName(key.slice(prefix.length)));
    let text = "";
    if (names.length === 1) text = `${names[0]} is typing…`;
    else if (names.length === 2) text = `${names[0]} and ${names[1]} are typing…`;
    else if (names.length > 2) text = "Several people are typing…";
    this.el.textContent = text;
  }
}
