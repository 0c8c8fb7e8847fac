// The thread panel: a thread's root and its latest replies, with a reply box. Replies are sent,
// edited and deleted through Messages (messages.js), which also routes realtime events here.
// On a wide screen it sits beside the room; on a phone it covers it. Escape closes it.

import { errorText } from "./dom.js";
import { MessageList } from "./message-list.js";
import { Composer } from "./composer.js";

const FIRST_LOAD = 50;
const MAX_LOAD = 100; // the API returns at most the last 100 replies of a thread

export class ThreadPanel {
  /** `els`: panel, title, scroller, older, status, form, input, close. */
  constructor({ api, store, messages, announcer, els }) {
    Object.assign(this, { api, store, messages, announcer, els });
    this.roomId = null;
    this.threadId = null;
    this.list = null;
    this.returnFocus = null;
    this.loadToken = 0;
    els.close.addEventListener("click", () => this.close());
    els.panel.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && !event.defaultPrevented) this.close();
    });
    els.older.addEventListener("click", () => this.#load(MAX_LOAD));
    this.composer = new Composer(els.form, els.input, {
      onSend: (text) => this.messages.send(this.roomId, text, this.threadId),
      onTyping: (isTyping) => this.onTyping?.(this.roomId, isTyping), // set by app.js
    });
    store.on("roomRemoved", ({ roomId }) => {
      if (roomId === this.roomId) this.close({ restoreFocus: false });
    });
    store.on("users", () => this.list?.refresh());
  }

  get isOpen() {
    return this.list != null;
  }

  /** Whether the panel shows this thread. */
  shows(roomId, threadId) {
    return this.isOpen && roomId === this.roomId && threadId === this.threadId;
  }

  /** The list of the thread when it is open, for sends. */
  listFor(roomId, threadId) {
    return this.shows(roomId, threadId) ? this.list : null;
  }

  /** Opens a thread; `returnFocus` gets focus back on close. */
  open(roomId, threadId, returnFocus = null) {
    if (!this.shows(roomId, threadId)) {
      this.list?.el.remove();
      this.roomId = roomId;
      this.threadId = threadId;
      this.list = new MessageList(this.messages.context("thread"), "Thread messages");
      this.els.scroller.append(this.list.el);
      // Replies still being sent from an earlier opening of this thread.
      for (const entry of this.messages.pendingFor(roomId, threadId)) {
        entry.list = this.list;
        this.list.addPending(entry.model);
      }
      const room = this.store.rooms.get(roomId);
      this.els.title.textContent = room ? `Thread in #${room.name}` : "Thread";
      this.#load(FIRST_LOAD);
    }
    this.returnFocus = returnFocus;
    this.els.panel.hidden = false;
    document.body.classList.add("thread-open");
    this.els.input.focus();
  }

  close({ restoreFocus = true } = {}) {
    if (!this.isOpen) return;
    this.list.el.remove();
    this.list = null;
    this.roomId = this.threadId = null;
    this.els.panel.hidden = true;
    document.body.classList.remove("thread-open");
    if (restoreFocus) {
      const target = this.returnFocus?.isConnected && !this.returnFocus.hidden ? this.returnFocus : document.getElementById("composer-input");
      target?.focus();
    }
    this.returnFocus = null;
  }

  /** (Re)loads the root and the last `last` replies; also after a reconnect. */
  async #load(last) {
    if (!this.isOpen) return;
    const { roomId, threadId, list } = this;
    const token = ++this.loadToken;
    this.els.status.textContent = "Loading thread…";
    this.els.older.hidden = true;
    try {
      const thread = await this.api.thread(roomId, threadId, last);
      if (token !== this.loadToken || list !== this.list) return;
      const stick = this.#nearBottom();
      this.messages.syncRoot(thread.root);
      list.upsert(thread.root);
      for (const reply of thread.items) {
        this.messages.loaded(reply); // already counted in the root's replyCount
        list.upsert(reply);
      }
      this.#reconcile(thread);
      this.els.older.hidden = !thread.hasMore || last >= MAX_LOAD;
      this.els.status.textContent = thread.hasMore
        ? last >= MAX_LOAD ? `Showing the latest ${MAX_LOAD} replies.` : ""
        : thread.items.length ? "" : "No replies yet.";
      if (stick || last === FIRST_LOAD) this.#scrollToBottom();
    } catch (error) {
      if (token !== this.loadToken) return;
      if (error?.status === 404) {
        this.announcer.say("This thread no longer exists.");
        this.close();
      } else this.els.status.textContent = `The thread could not be loaded: ${errorText(error)}`;
    }
  }

  /** Drops replies we hold in the fetched range that the server no longer has (deleted while offline). */
  #reconcile(thread) {
    if (!thread.items.length) return;
    const ids = new Set(thread.items.map((m) => m.id));
    for (const id of this.list.idsBetween(thread.items[0].id, thread.items[thread.items.length - 1].id)) {
      if (!ids.has(id)) this.messages.remove({ roomId: this.roomId, messageId: id, threadId: this.threadId });
    }
  }

  reload() {
    if (this.isOpen) this.#load(FIRST_LOAD);
  }

  // --- Events routed from Messages ---

  applyMessage(message) {
    if (!this.isOpen || message.roomId !== this.roomId) return;
    if (message.id !== this.threadId && message.threadId !== this.threadId) return;
    const stick = this.#nearBottom();
    this.list.upsert(message);
    if (message.threadId) this.els.status.textContent = "";
    if (stick || message.authorId === this.store.me.id) this.#scrollToBottom();
  }

  applyUpdate(message) {
    if (this.isOpen && this.list.has(message.id)) this.list.upsert(message);
  }

  applyDelete({ roomId, messageId }) {
    if (!this.isOpen || roomId !== this.roomId) return;
    if (messageId === this.threadId) {
      this.announcer.say("The thread was deleted.");
      this.close();
    } else this.list.remove(messageId);
  }

  #nearBottom() {
    const s = this.els.scroller;
    return s.scrollHeight - s.scrollTop - s.clientHeight < 80;
  }

  #scrollToBottom() {
    this.els.scroller.scrollTop = this.els.scroller.scrollHeight;
  }
}
