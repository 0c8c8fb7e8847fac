// An ordered list of messages (a room's top-level messages, or a thread), kept in id order.
// Message ids are ULIDs, so id order is time order. Confirmed messages are found by id,
// messages still being sent by their clientId; pending ones stay at the end until the server's
// copy (from the REST answer or the WebSocket, whichever comes first) takes their place.

import { h } from "./dom.js";
import { createMessageElement, updateMessageElement } from "./message-item.js";

export class MessageList {
  /**
   * `ctx`: `{ store, kind, onAction(action, model, element, list) }`; `label` names the list for
   * assistive technology.
   */
  constructor(ctx, label) {
    this.ctx = ctx;
    this.el = h("ol", { class: "msg-list", attrs: { "aria-label": label } });
    this.items = new Map(); // id → { model, el }
    this.pending = new Map(); // clientId → { model, el }, in send order
    this.ids = []; // confirmed ids, ascending
    this.el.addEventListener("click", (event) => this.#click(event));
  }

  get size() {
    return this.ids.length;
  }

  get oldestId() {
    return this.ids[0];
  }

  get newestId() {
    return this.ids[this.ids.length - 1];
  }

  has(id) {
    return this.items.has(id);
  }

  get(id) {
    return this.items.get(id)?.model;
  }

  /**
   * Adds or updates a confirmed message; a pending message of ours with the same clientId is
   * replaced. Returns true when the message was not in the list before.
   */
  upsert(message) {
    const existing = this.items.get(message.id);
    if (existing) {
      existing.model = { ...message };
      updateMessageElement(existing.el, existing.model, this.ctx);
      return false;
    }
    let el;
    const pending = this.pending.get(message.clientId);
    if (pending && message.authorId === this.ctx.store.me.id) {
      // Reuse the element: no flicker, and focus inside it (e.g. on "Retry") is kept.
      this.pending.delete(message.clientId);
      el = pending.el;
    }
    const model = { ...message };
    if (el) updateMessageElement(el, model, this.ctx);
    else el = createMessageElement(model, this.ctx);
    this.items.set(message.id, { model, el });
    this.#insert(message.id, el);
    return true;
  }

  /** Shows a message being sent, at the end. */
  addPending(model) {
    const el = createMessageElement(model, this.ctx);
    this.pending.set(model.clientId, { model, el });
    this.el.append(el);
    return el;
  }

  getPending(clientId) {
    return this.pending.get(clientId)?.model;
  }

  /** Moves a pending message between "sending" and "failed". */
  setPendingState(clientId, state, error) {
    const entry = this.pending.get(clientId);
    if (!entry) return;
    entry.model = { ...entry.model, state, error };
    updateMessageElement(entry.el, entry.model, this.ctx);
  }

  removePending(clientId) {
    const entry = this.pending.get(clientId);
    if (!entry) return;
    this.pending.delete(clientId);
    entry.el.remove();
  }

  /** Removes a confirmed message; returns its model, or undefined when it was not here. */
  remove(id) {
    const entry = this.items.get(id);
    if (!entry) return undefined;
    this.items.delete(id);
    this.ids.splice(this.#index(id), 1);
    entry.el.remove();
    return entry.model;
  }

  /** The element of a confirmed message. */
  element(id) {
    return this.items.get(id)?.el;
  }

  /** Re-renders every item (names after the user directory changed). Rare, and O(n). */
  refresh() {
    for (const { model, el } of this.items.values()) updateMessageElement(el, model, this.ctx);
    for (const { model, el } of this.pending.values()) updateMessageElement(el, model, this.ctx);
  }

  /** Confirmed ids in [from, to] (inclusive), for reconciling with a fresh page from the server. */
  idsBetween(from, to) {
    return this.ids.slice(this.#index(from), this.#index(to) + (this.items.has(to) ? 1 : 0));
  }

  // The position of the first id >= `id` (binary search).
  #index(id) {
    let low = 0;
    let high = this.ids.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.ids[mid] < id) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  #insert(id, el) {
    const index = this.#index(id);
    this.ids.splice(index, 0, id);
    const next = index + 1 < this.ids.length ? this.items.get(this.ids[index + 1]).el : this.pending.values().next().value?.el;
    this.el.insertBefore(el, next ?? null);
  }

  #click(event) {
    const button = event.target.closest("button[data-action]");
    if (!button || !this.el.contains(button)) return;
    const el = button.closest("li.msg");
    const model = el.dataset.id ? this.get(el.dataset.id) : this.getPending(el.dataset.clientId);
    if (model) this.ctx.onAction(button.dataset.action, model, el, this);
  }
}
