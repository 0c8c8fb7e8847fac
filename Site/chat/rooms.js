// The room list (unread counts, latest message, most recent activity first) and the dialog
// that creates a room. Rooms are links to `#/rooms/<id>`, so the back button and a reload keep
// the room. Each room's item is updated in place when that room changes.

import { h, errorText } from "./dom.js";

export function roomHref(roomId) {
  return `#/rooms/${encodeURIComponent(roomId)}`;
}

export class RoomList {
  /** `els`: list, empty. */
  constructor(store, els) {
    this.store = store;
    this.els = els;
    this.items = new Map(); // roomId → <li>
    store.on("room", ({ room }) => this.#render(room));
    store.on("roomRemoved", ({ roomId }) => {
      this.items.get(roomId)?.remove();
      this.items.delete(roomId);
      this.#empty();
    });
    store.on("current", () => {
      for (const [id, li] of this.items) {
        const link = li.firstElementChild;
        if (id === store.currentRoomId) link.setAttribute("aria-current", "page");
        else link.removeAttribute("aria-current");
      }
    });
    store.on("users", () => {
      for (const room of store.rooms.values()) this.#render(room, false);
    });
  }

  #render(room, reorder = true) {
    let li = this.items.get(room.id);
    if (!li) {
      const name = h("span", { class: "room-name" });
      const unread = h("span", { class: "room-unread" });
      const preview = h("span", { class: "room-preview" });
      const link = h("a", { class: "room-link", attrs: { href: roomHref(room.id) } }, name, unread, preview);
      li = h("li", { class: "room" }, link);
      li.parts = { link, name, unread, preview };
      this.items.set(room.id, li);
      this.els.list.append(li);
    }
    const { link, name, unread, preview } = li.parts;
    name.textContent = `#${room.name}`;
    unread.hidden = room.unreadCount === 0;
    unread.textContent = room.unreadCount > 99 ? "99+" : String(room.unreadCount);
    link.classList.toggle("has-unread", room.unreadCount > 0);
    const last = room.lastMessage;
    preview.textContent = last ? `${this.store.userName(last.authorId)}: ${last.text}` : room.topic ?? "No messages yet";
    // The link's accessible name, with the unread count in words.
    const count = room.unreadCount === 0 ? "" : `, ${room.unreadCount} unread`;
    link.setAttribute("aria-label", `#${room.name}${count}`);
    if (room.id === this.store.currentRoomId) link.setAttribute("aria-current", "page");
    if (reorder) this.#sort();
    this.#empty();
  }

  /** Puts the items in activity order, moving only the ones out of place (focus is kept). */
  #sort() {
    const focused = document.activeElement;
    let previous = null;
    for (const room of this.store.sortedRooms()) {
      const li = this.items.get(room.id);
      if (!li) continue;
      const expected = previous ? previous.nextElementSibling : this.els.list.firstElementChild;
      if (li !== expected) this.els.list.insertBefore(li, expected);
      previous = li;
    }
    if (focused && focused !== document.activeElement && focused.isConnected) focused.focus();
  }

  #empty() {
    this.els.empty.hidden = this.items.size > 0;
  }
}

/** The "New room" dialog: a name, an optional topic, and at least one other member. */
export class CreateRoomDialog {
  /** `els`: dialog, form, name, topic, members, error, cancel. */
  constructor({ api, store, els, onCreated }) {
    Object.assign(this, { api, store, els, onCreated });
    els.cancel.addEventListener("click", () => els.dialog.close());
    els.form.addEventListener("submit", (event) => this.#submit(event));
    els.filter.addEventListener("input", () => this.#filter());
  }

  open() {
    const { els } = this;
    els.form.reset();
    els.error.hidden = true;
    const others = [...this.store.users.values()]
      .filter((user) => user.id !== this.store.me.id)
      .sort((a, b) => a.displayName.localeCompare(b.displayName));
    els.members.replaceChildren(
      ...others.map((user) => {
        const id = `member-${user.id}`;
        return h(
          "li",
          { class: "member-choice" },
          h("input", { attrs: { type: "checkbox", id, name: "members", value: user.id } }),
          h("label", { attrs: { for: id } }, h("span", { text: user.displayName }), " ", h("span", { class: "muted", text: `@${user.username}` })),
        );
      }),
    );
    els.noUsers.hidden = others.length > 0;
    els.dialog.showModal();
    els.name.focus();
  }

  #filter() {
    const needle = this.els.filter.value.trim().toLowerCase();
    for (const li of this.els.members.children) li.hidden = needle !== "" && !li.textContent.toLowerCase().includes(needle);
  }

  async #submit(event) {
    event.preventDefault();
    const { els } = this;
    const members = [...els.members.querySelectorAll("input:checked")].map((input) => input.value);
    const name = els.name.value.trim();
    const topic = els.topic.value.trim();
    if (!members.length) return this.#error("Choose at least one other member.");
    const submit = els.form.querySelector("button[type=submit]");
    submit.disabled = true;
    try {
      const room = await this.api.createRoom(topic ? { name, members, topic } : { name, members });
      this.store.upsertRoom(room);
      els.dialog.close();
      this.onCreated(room);
    } catch (error) {
      this.#error(`The room could not be created: ${errorText(error)}`);
    } finally {
      submit.disabled = false;
    }
  }

  #error(text) {
    this.els.error.textContent = text;
    this.els.error.hidden = false;
  }
}
