// The room pane: a room's messages with history loaded backwards as the user scrolls up,
// sending with optimistic display and idempotent retries, editing and deleting one's own
// messages, and the realtime events that change any of these. Thread replies flow through here
// too (they change their root's reply count) and are shown by the thread panel (threads.js).
//
// Every room opened gets a RoomView: its own <ol> (MessageList), kept while the app runs, so
// switching rooms swaps one element instead of re-rendering, and events for rooms in the
// background keep their lists current.

import { h, isNearBottom, newClientId, errorText } from "./dom.js";
import { MessageList } from "./message-list.js";

const PAGE_SIZE = 50;
// Start loading older messages when the user is this close (px) to the top.
const LOAD_OLDER_THRESHOLD = 400;

export class Messages {
  /**
   * `els`: scroller, history (the "load older" area), loadOlder (button), historyStatus,
   * jumpLatest, pane, empty, title, topic, summary, composerInput.
   */
  constructor({ api, store, announcer, confirm, els }) {
    Object.assign(this, { api, store, announcer, confirm, els });
    this.views = new Map(); // roomId → { list, loaded, loading, hasOlder, loadingOlder, scrollTop, atBottom, error }
    this.pending = new Map(); // clientId → { model, list }: sends not yet confirmed
    this.known = new Set(); // every message id seen, replies included: a reply bumps its root once
    this.deleted = new Set(); // deletions applied (the REST answer and the event both report them)
    this.maxSeen = new Map(); // roomId → newest message id seen in the room (replies included)
    this.lastRead = new Map(); // roomId → the id last sent with markRead
    this.thread = null; // the ThreadPanel (set by app.js)
    this.typing = null; // the TypingIndicator (set by app.js)
    this.markReadTimer = 0;

    els.scroller.addEventListener("scroll", () => this.#onScroll(), { passive: true });
    els.loadOlder.addEventListener("click", () => this.loadOlder());
    els.jumpLatest.addEventListener("click", () => {
      this.#scrollToBottom();
      els.composerInput.focus();
    });
    store.on("room", ({ room }) => {
      if (room.id === store.currentRoomId) this.#renderHeader();
    });
    store.on("presence", () => this.#renderHeader());
    store.on("users", () => {
      for (const view of this.views.values()) view.list.refresh();
      this.#renderHeader();
    });
    store.on("roomRemoved", ({ roomId }) => {
      const view = this.views.get(roomId);
      this.views.delete(roomId);
      for (const [clientId, entry] of this.pending) if (entry.model.roomId === roomId) this.pending.delete(clientId);
      if (view && store.currentRoomId === roomId) this.show(null);
    });
  }

  /** The MessageList context shared by room and thread lists. */
  context(kind) {
    return { store: this.store, kind, onAction: (action, model, el, list) => this.#action(action, model, el, list) };
  }

  get current() {
    return this.views.get(this.store.currentRoomId);
  }

  // --- Showing a room ---

  /** Shows a room (null: none). Loads its first page the first time. */
  show(roomId) {
    const previous = this.current;
    if (previous) {
      previous.scrollTop = this.els.scroller.scrollTop;
      previous.atBottom = isNearBottom(this.els.scroller);
    }
    const room = roomId ? this.store.rooms.get(roomId) : null;
    this.store.currentRoomId = room ? room.id : null;
    this.els.pane.hidden = !room;
    this.els.empty.hidden = !!room;
    this.els.jumpLatest.hidden = true;
    if (!room) {
      this.store.emit("current", null);
      return;
    }
    let view = this.views.get(room.id);
    if (!view) {
      view = {
        list: new MessageList(this.context("room"), `Messages in ${room.name}`),
        loaded: false, loading: false, hasOlder: false, loadingOlder: false, scrollTop: 0, atBottom: true,
      };
      this.views.set(room.id, view);
    }
    this.els.scroller.querySelector(".msg-list")?.remove();
    this.els.scroller.append(view.list.el);
    this.els.composerInput.placeholder = `Message #${room.name}`;
    this.els.composerInput.setAttribute("aria-label", `Message #${room.name}`);
    this.#renderHeader();
    this.#renderHistoryStart(view);
    this.store.emit("current", room.id);
    if (!view.loaded) this.#loadInitial(view, room.id);
    else if (view.atBottom) this.#scrollToBottom();
    else this.els.scroller.scrollTop = view.scrollTop;
    this.scheduleMarkRead();
  }

  #renderHeader() {
    const room = this.store.rooms.get(this.store.currentRoomId);
    if (!room) return;
    this.els.title.textContent = `#${room.name}`;
    this.els.topic.textContent = room.topic ?? "";
    this.els.topic.hidden = !room.topic;
    const online = room.members.filter((id) => this.store.isOnline(id)).length;
    this.els.summary.textContent = `${room.members.length} members · ${online} online`;
  }

  #renderHistoryStart(view) {
    const { loadOlder, historyStatus } = this.els;
    loadOlder.hidden = !view.loaded || !view.hasOlder;
    loadOlder.disabled = view.loadingOlder;
    loadOlder.textContent = view.loadingOlder ? "Loading older messages…" : "Load older messages";
    if (view.error) historyStatus.textContent = view.error;
    else if (!view.loaded) historyStatus.textContent = "Loading messages…";
    else if (view.hasOlder) historyStatus.textContent = "";
    else historyStatus.textContent = view.list.size ? "This is the beginning of the room." : "No messages yet. Say hello!";
  }

  async #loadInitial(view, roomId) {
    if (view.loading) return;
    view.loading = true;
    view.error = null;
    this.#renderHistoryStart(view);
    try {
      const page = await this.api.messages(roomId, { limit: PAGE_SIZE });
      for (const message of page.items) this.loaded(message), view.list.upsert(message);
      view.hasOlder = page.nextCursor != null;
      view.loaded = true;
    } catch (error) {
      view.error = `Messages could not be loaded: ${errorText(error)}`;
    } finally {
      view.loading = false;
    }
    if (this.current !== view) return;
    this.#renderHistoryStart(view);
    this.#scrollToBottom();
    this.scheduleMarkRead();
    this.#fillScreen(view);
  }

  /** Loads one page of older messages, keeping what the user sees in place. */
  async loadOlder() {
    const view = this.current;
    if (!view || !view.loaded || !view.hasOlder || view.loadingOlder) return;
    const roomId = this.store.currentRoomId;
    view.loadingOlder = true;
    this.#renderHistoryStart(view);
    try {
      const page = await this.api.messages(roomId, { before: view.list.oldestId, limit: PAGE_SIZE });
      const scroller = this.els.scroller;
      const visible = this.current === view;
      const fromBottom = scroller.scrollHeight - scroller.scrollTop;
      for (const message of page.items) this.loaded(message), view.list.upsert(message);
      view.hasOlder = page.nextCursor != null;
      // Keep the same messages under the user's eyes: the content grew above them.
      if (visible) scroller.scrollTop = scroller.scrollHeight - fromBottom;
    } catch (error) {
      this.announcer.say(`Older messages could not be loaded: ${errorText(error)}`);
    } finally {
      view.loadingOlder = false;
    }
    if (this.current === view) {
      this.#renderHistoryStart(view);
      this.#fillScreen(view);
    }
  }

  /** Loads older pages until the list can scroll (or the history ends), so scrolling up works. */
  #fillScreen(view) {
    const scroller = this.els.scroller;
    if (view.hasOlder && scroller.scrollHeight <= scroller.clientHeight + LOAD_OLDER_THRESHOLD) this.loadOlder();
  }

  #onScroll() {
    const scroller = this.els.scroller;
    if (scroller.scrollTop < LOAD_OLDER_THRESHOLD) this.loadOlder();
    if (isNearBottom(scroller)) {
      this.els.jumpLatest.hidden = true;
      this.scheduleMarkRead();
    }
  }

  #scrollToBottom(scroller = this.els.scroller) {
    scroller.scrollTop = scroller.scrollHeight;
    if (scroller === this.els.scroller) this.els.jumpLatest.hidden = true;
  }

  // --- Sending ---

  /** Sends a message (or a thread reply) and shows it at once as "Sending…". */
  send(roomId, text, threadId = null) {
    const list = threadId ? this.thread.listFor(roomId, threadId) : this.views.get(roomId)?.list;
    if (!list) return;
    const model = {
      clientId: newClientId(), roomId, authorId: this.store.me.id, text, threadId,
      replyCount: 0, createdAt: new Date(), editedAt: null, state: "sending",
    };
    list.addPending(model);
    this.pending.set(model.clientId, { model, list });
    this.#scrollToBottom(threadId ? this.thread.els.scroller : this.els.scroller);
    this.#submit(model.clientId);
  }

  /** Pending sends of a thread, for a thread panel that is opened again while they are in flight. */
  pendingFor(roomId, threadId) {
    return [...this.pending.values()].filter((e) => e.model.roomId === roomId && e.model.threadId === threadId);
  }

  /**
   * POSTs the message. The same clientId is used for every attempt, the SDK's automatic retries
   * and the user's "Retry" alike, so the server stores it once whatever happens.
   */
  async #submit(clientId) {
    const entry = this.pending.get(clientId);
    if (!entry) return;
    entry.offline = false;
    const { model } = entry;
    entry.list.setPendingState(clientId, "sending");
    try {
      const message = await this.api.send(model.roomId, model);
      this.apply(message);
    } catch (error) {
      const current = this.pending.get(clientId);
      if (!current) return; // the WebSocket delivered it meanwhile
      // No answer, a 5xx or a 429: worth sending again by itself once the connection is back.
      const status = error?.status;
      current.offline = !(status >= 400 && status < 500) || status === 429;
      current.list.setPendingState(clientId, "failed", errorText(error));
      this.announcer.say("A message could not be sent. Use Retry to send it again.");
    }
  }

  /** Sends again, with the same clientIds, the messages that failed while the server was unreachable. */
  retryFailed() {
    for (const [clientId, entry] of this.pending) if (entry.offline) this.#submit(clientId);
  }

  // --- Applying changes (REST answers and realtime events) ---

  /** A message was created (messageCreated, a send's answer, a catch-up page). Idempotent. */
  apply(message) {
    if (this.deleted.has(message.id)) return;
    const isNew = !this.known.has(message.id);
    this.#remember(message);
    const roomView = this.views.get(message.roomId);
    const target = message.threadId == null ? roomView?.list : this.thread?.listFor(message.roomId, message.threadId);

    const pending = this.pending.get(message.clientId);
    if (pending && message.authorId === this.store.me.id && pending.model.roomId === message.roomId) {
      this.pending.delete(message.clientId);
      // The target list replaces its own pending item; any other copy goes.
      if (pending.list !== target) pending.list.removePending(message.clientId);
    }

    const visible = document.visibilityState === "visible" && this.store.currentRoomId === message.roomId;
    if (message.threadId == null) {
      if (roomView) {
        const onScreen = this.current === roomView;
        const stick = onScreen && isNearBottom(this.els.scroller);
        roomView.list.upsert(message);
        if (onScreen && (stick || message.authorId === this.store.me.id)) this.#scrollToBottom();
        else if (onScreen && isNew) this.els.jumpLatest.hidden = false;
        if (onScreen) this.#renderHistoryStart(roomView);
      }
      this.thread?.applyMessage(message);
    } else {
      this.thread?.applyMessage(message);
      if (isNew) this.#bumpReplies(message.roomId, message.threadId, 1);
    }

    if (!isNew) return;
    this.store.noteMessage(message, { seen: visible });
    this.typing?.stop(message.roomId, message.authorId);
    if (message.authorId !== this.store.me.id) {
      if (visible) this.scheduleMarkRead();
      const room = this.store.rooms.get(message.roomId);
      const where = message.threadId ? " in a thread" : "";
      if (visible || this.thread?.shows(message.roomId, message.threadId)) {
        this.announcer.say(`${this.store.userName(message.authorId)}${where}: ${message.text.slice(0, 200)}`);
      } else if (room) {
        this.announcer.say(`New message in #${room.name} from ${this.store.userName(message.authorId)}`);
      }
    }
  }

  /** A message was edited (messageUpdated, an edit's answer, a catch-up page). */
  update(message) {
    if (this.deleted.has(message.id)) return;
    const view = this.views.get(message.roomId);
    if (message.threadId == null && view?.list.has(message.id)) view.list.upsert(message);
    this.thread?.applyUpdate(message);
    const room = this.store.rooms.get(message.roomId);
    if (room?.lastMessage?.id === message.id) {
      room.lastMessage = { ...room.lastMessage, text: message.text.slice(0, 200) };
      this.store.emit("room", { room, added: false });
    }
  }

  /** A message was deleted (messageDeleted, a delete's answer, reconciliation). Idempotent. */
  remove({ roomId, messageId, threadId }) {
    if (this.deleted.has(messageId)) return;
    this.deleted.add(messageId);
    this.views.get(roomId)?.list.remove(messageId);
    this.thread?.applyDelete({ roomId, messageId, threadId });
    if (threadId) this.#bumpReplies(roomId, threadId, -1);
  }

  /** The thread's root as the server sent it (with its reply count): update the room's copy. */
  syncRoot(root) {
    this.#remember(root);
    const view = this.views.get(root.roomId);
    if (view?.list.has(root.id)) view.list.upsert(root);
  }

  /**
   * A message fetched as part of a page (history, a thread), not news: remember it, and settle
   * a send of ours that it confirms (the list it is upserted into reuses the pending item).
   */
  loaded(message) {
    this.#remember(message);
    const pending = this.pending.get(message.clientId);
    if (pending && message.authorId === this.store.me.id && pending.model.roomId === message.roomId) {
      this.pending.delete(message.clientId);
    }
  }

  /** Notes a message as seen: for reply-count bumps and the read marker. */
  #remember(message) {
    this.known.add(message.id);
    if ((this.maxSeen.get(message.roomId) ?? "") < message.id) this.maxSeen.set(message.roomId, message.id);
  }

  #bumpReplies(roomId, rootId, delta) {
    const list = this.views.get(roomId)?.list;
    const root = list?.get(rootId);
    if (root) list.upsert({ ...root, replyCount: Math.max(0, (root.replyCount ?? 0) + delta) });
  }

  /**
   * After the WebSocket (re)opens: fetch what was missed while it was down. New messages come
   * from `after=<newest id we have>`; the newest page also brings edits, and any message we hold
   * in its range that it lacks was deleted meanwhile.
   */
  async catchUp() {
    for (const [roomId, view] of [...this.views]) {
      if (!view.loaded || !this.store.rooms.has(roomId)) continue;
      try {
        const newest = view.list.newestId;
        if (newest) for (const message of (await this.api.messagesAfter(roomId, newest)).reverse()) this.apply(message);
        const page = await this.api.messages(roomId, { limit: PAGE_SIZE });
        const ids = new Set(page.items.map((m) => m.id));
        for (const message of page.items) {
          if (view.list.has(message.id)) this.update(message);
          else this.apply(message);
        }
        if (page.items.length) {
          const low = page.items[page.items.length - 1].id;
          for (const id of view.list.idsBetween(low, page.items[0].id)) {
            if (!ids.has(id)) this.remove({ roomId, messageId: id, threadId: null });
          }
        }
      } catch (error) {
        if (error?.status === 404) this.store.removeRoom(roomId, "removed");
      }
    }
  }

  // --- Read marker ---

  /** Moves the read marker to the newest message once the user can see the room. */
  scheduleMarkRead() {
    clearTimeout(this.markReadTimer);
    this.markReadTimer = setTimeout(() => {
      const roomId = this.store.currentRoomId;
      const room = this.store.rooms.get(roomId);
      const view = this.current;
      if (!room || !view?.loaded || document.visibilityState !== "visible") return;
      const newest = this.maxSeen.get(roomId);
      if (newest && newest > (this.lastRead.get(roomId) ?? "")) {
        this.lastRead.set(roomId, newest);
        try {
          this.api.realtime.markRead({ roomId, messageId: newest });
        } catch {
          // Queue full while offline: the next visit marks it.
        }
      }
      if (room.unreadCount) {
        room.unreadCount = 0;
        this.store.emit("room", { room, added: false });
      }
    }, 300);
  }

  // --- Actions on one message ---

  async #action(action, model, el, list) {
    if (action === "thread") this.thread.open(model.roomId, model.id, el.parts.thread);
    else if (action === "edit") this.#startEdit(el, model, list);
    else if (action === "delete") this.#delete(model, el);
    else if (action === "retry") this.#submit(model.clientId);
    else if (action === "discard") {
      this.pending.delete(model.clientId);
      list.removePending(model.clientId);
      this.announcer.say("Message discarded.");
    }
  }

  async #delete(model, el) {
    const ok = await this.confirm("Delete this message? This cannot be undone.", "Delete");
    if (!ok) return el.parts.remove.focus();
    // Move focus somewhere stable before the element goes away.
    const focusNext = el.nextElementSibling ?? el.previousElementSibling;
    try {
      await this.api.remove(model.roomId, model.id);
      this.remove({ roomId: model.roomId, messageId: model.id, threadId: model.threadId });
      this.announcer.say("Message deleted.");
      (focusNext?.querySelector("button:not([hidden])") ?? this.els.composerInput).focus();
    } catch (error) {
      if (error?.status === 404) this.remove({ roomId: model.roomId, messageId: model.id, threadId: model.threadId });
      else this.announcer.say(`The message could not be deleted: ${errorText(error)}`);
    }
  }

  /** Inline editing: the text becomes a textarea; Enter saves, Escape cancels. */
  #startEdit(el, model, list) {
    if (el.classList.contains("msg-editing")) return;
    const id = `edit-${model.id}`;
    const input = h("textarea", { class: "msg-edit-input", attrs: { id, rows: 2, maxlength: 4000, required: true } });
    input.value = model.text;
    const error = h("p", { class: "form-error", hidden: true, attrs: { role: "alert" } });
    const save = h("button", { class: "button-primary", text: "Save", attrs: { type: "submit" } });
    const cancel = h("button", { text: "Cancel", attrs: { type: "button" } });
    const form = h(
      "form",
      { class: "msg-edit" },
      h("label", { class: "visually-hidden", text: "Edit message", attrs: { for: id } }),
      input,
      error,
      h("div", { class: "msg-edit-buttons" }, save, cancel, h("span", { class: "hint", text: "Enter to save, Esc to cancel" })),
    );
    const finish = () => {
      form.remove();
      el.classList.remove("msg-editing");
      el.parts.text.hidden = false;
      el.shownText = null; // re-render the (possibly new) text
      const current = list.get(model.id);
      if (current) list.upsert(current);
      el.parts.edit.focus();
    };
    cancel.addEventListener("click", finish);
    input.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        event.preventDefault();
        event.stopPropagation();
        finish();
      } else if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        form.requestSubmit();
      }
    });
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const text = input.value.trim();
      if (!text || text === list.get(model.id)?.text) return finish();
      save.disabled = true;
      try {
        const updated = await this.api.edit(model.roomId, model.id, text);
        this.update(updated);
        finish();
        this.announcer.say("Message edited.");
      } catch (err) {
        error.textContent = `Not saved: ${errorText(err)}`;
        error.hidden = false;
        save.disabled = false;
      }
    });
    el.classList.add("msg-editing");
    el.parts.text.hidden = true;
    el.parts.text.after(form);
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
  }
}
