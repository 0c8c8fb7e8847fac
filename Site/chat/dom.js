// Small DOM helpers. Everything the app shows is built from nodes with `textContent`, never
// from HTML strings, so text from the server (messages, names, topics) can never become markup.

/**
 * Creates an element. `props` may hold:
 * - `class`: a class string; `text`: the text content;
 * - `attrs`: attributes to set (`null`/`false` values are skipped, `true` sets an empty one);
 * - `hidden`: a boolean.
 * Children are nodes or strings (strings become text nodes); null children are skipped.
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  if (props.class) el.className = props.class;
  if (props.text != null) el.textContent = props.text;
  if (props.hidden) el.hidden = true;
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    if (value == null || value === false) continue;
    el.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child == null) continue;
    el.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return el;
}

/** The element with this id; throws when the page lacks it (a broken shell, found early). */
export function byId(id) {
  const el = document.getElementById(id);
  if (!el) throw new Error(`The page has no #${id}`);
  return el;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
const dayTimeFormat = new Intl.DateTimeFormat(undefined, {
  month: "short", day: "numeric", hour: "2-digit", minute: "2-digit",
});
const fullFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "full", timeStyle: "medium" });

/** Accepts a Date (the SDK revives date-times) or an ISO string. */
export function toDate(value) {
  return value instanceof Date ? value : new Date(value);
}

/** "14:05" today, "Nov 12, 14:05" on other days. */
export function shortTime(value) {
  const date = toDate(value);
  const today = new Date();
  return date.toDateString() === today.toDateString() ? timeFormat.format(date) : dayTimeFormat.format(date);
}

/** A `<time>` element with the machine-readable date and the full date as a tooltip. */
export function timeElement(value, className = "") {
  const date = toDate(value);
  return h("time", {
    class: className,
    text: shortTime(date),
    attrs: { datetime: date.toISOString(), title: fullFormat.format(date) },
  });
}

/** "5 min ago", "yesterday"… for presence. */
export function relativeTime(value) {
  const date = toDate(value);
  const seconds = Math.round((date.getTime() - Date.now()) / 1000);
  const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
  const steps = [[60, "second"], [3600, "minute"], [86400, "hour"], [604800, "day"], [Infinity, "week"]];
  let unit = 1;
  for (const [limit, name] of steps) {
    if (Math.abs(seconds) < limit) return rtf.format(Math.round(seconds / unit), name);
    unit = limit;
  }
  return "";
}

/**
 * Speaks short updates to screen readers through one polite live region. Messages are queued
 * a moment apart so that a burst is not collapsed into only the last one.
 */
export class Announcer {
  constructor(region) {
    this.region = region;
    this.queue = [];
    this.timer = 0;
  }

  say(text) {
    this.queue.push(text);
    if (!this.timer) this.next();
  }

  next() {
    const text = this.queue.shift();
    if (text === undefined) {
      this.timer = 0;
      return;
    }
    // A new text node each time, so identical consecutive texts are still announced.
    this.region.replaceChildren(h("p", { text }));
    this.timer = setTimeout(() => this.next(), 700);
  }
}

/** Whether a scroll container is (nearly) scrolled to its end. */
export function isNearBottom(scroller, slack = 80) {
  return scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < slack;
}

/** A random id for idempotent sends: 32 hex digits (works without a secure context, unlike randomUUID). */
export function newClientId() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return "web-" + Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The message of an error from the SDK (ApiError with the spec's Error body) or anything else. */
export function errorText(error) {
  const body = error?.body;
  if (body && typeof body === "object" && typeof body.message === "string") {
    const fields = Array.isArray(body.errors) ? body.errors.map((e) => e.message).join(" ") : "";
    return fields ? `${body.message} ${fields}` : body.message;
  }
  if (error?.name === "TimeoutError") return "The server did not answer in time.";
  if (error instanceof TypeError) return "The server could not be reached.";
  return error?.message || String(error);
}
