// One message as a list item. The element is built once and then updated in place (new text
// after an edit, a new reply count, pending → sent), so a change never re-renders the list.
//
// `model` is a Message from the API (dates as Dates) plus, for messages not yet confirmed by the
// server, `state: "sending" | "failed"` and `error`.

import { h, timeElement, toDate, shortTime } from "./dom.js";
import { linkify } from "./linkify.js";

/**
 * Builds the element. `ctx` is `{ store, kind }`: `kind` is "room" (top-level messages, with a
 * thread button) or "thread" (a thread's root and replies).
 */
export function createMessageElement(model, ctx) {
  const author = h("span", { class: "msg-author" });
  const time = h("span", { class: "msg-time" });
  const edited = h("span", { class: "msg-edited", text: "(edited)", hidden: true });
  const status = h("span", { class: "msg-status", hidden: true });
  const text = h("p", { class: "msg-text" });
  const button = (action, label, extra = "") =>
    h("button", { class: `msg-action ${extra}`.trim(), text: label, attrs: { type: "button", "data-action": action } });
  const thread = button("thread", "Reply", "msg-thread");
  const edit = button("edit", "Edit");
  const remove = button("delete", "Delete");
  const retry = button("retry", "Retry");
  const discard = button("discard", "Discard");
  const actions = h("div", { class: "msg-actions" }, thread, edit, remove, retry, discard);
  const el = h("li", { class: "msg" }, h("div", { class: "msg-meta" }, author, " ", time, " ", edited, " ", status), text, actions);
  // The parts, for updates without querying.
  el.parts = { author, time, edited, status, text, thread, edit, remove, retry, discard };
  el.shownText = null;
  updateMessageElement(el, model, ctx);
  return el;
}

/** Brings the element up to date with `model`, touching only what differs. */
export function updateMessageElement(el, model, ctx) {
  const { parts } = el;
  const me = ctx.store.me;
  const own = model.authorId === me.id;
  const state = model.state ?? "sent";
  const sent = state === "sent";

  el.classList.toggle("msg-own", own);
  el.classList.toggle("msg-sending", state === "sending");
  el.classList.toggle("msg-failed", state === "failed");
  el.classList.toggle("msg-root", ctx.kind === "thread" && model.threadId == null);
  if (model.id) el.dataset.id = model.id;
  else delete el.dataset.id;
  el.dataset.clientId = model.clientId;

  const name = own ? `${ctx.store.userName(model.authorId)} (you)` : ctx.store.userName(model.authorId);
  if (parts.author.textContent !== name) parts.author.textContent = name;

  const iso = toDate(model.createdAt).toISOString();
  if (parts.time.dataset.iso !== iso) {
    parts.time.dataset.iso = iso;
    parts.time.replaceChildren(timeElement(model.createdAt));
  }

  parts.edited.hidden = !model.editedAt;
  if (model.editedAt) parts.edited.title = `Edited ${shortTime(model.editedAt)}`;

  parts.status.hidden = sent;
  parts.status.textContent = state === "sending" ? "Sending…" : state === "failed" ? `Not sent: ${model.error ?? "error"}` : "";
  parts.status.setAttribute("role", state === "failed" ? "alert" : "status");

  // Re-linkify only when the text changed (edits).
  if (el.shownText !== model.text && !el.classList.contains("msg-editing")) {
    el.shownText = model.text;
    parts.text.replaceChildren(...linkify(model.text));
  }

  const canThread = ctx.kind === "room" && sent && model.threadId == null;
  parts.thread.hidden = !canThread;
  if (canThread) {
    const count = model.replyCount ?? 0;
    parts.thread.textContent = count === 0 ? "Reply" : count === 1 ? "1 reply" : `${count} replies`;
    parts.thread.classList.toggle("has-replies", count > 0);
    parts.thread.setAttribute("aria-label", count === 0 ? "Reply in a thread" : `View thread, ${parts.thread.textContent}`);
  }
  parts.edit.hidden = !(own && sent);
  parts.remove.hidden = !(own && sent);
  parts.edit.setAttribute("aria-label", "Edit message");
  parts.remove.setAttribute("aria-label", "Delete message");
  parts.retry.hidden = state !== "failed";
  parts.discard.hidden = state !== "failed";
}
