// Turns message text into DOM nodes: plain text nodes, plus links for http, https and mailto
// URLs. Nothing is ever parsed as HTML, and no other scheme (javascript:, data:, vbscript:…)
// can become a link because the pattern only finds these three and each match is checked again
// with the URL parser.

import { h } from "./dom.js";

const SAFE_SCHEMES = new Set(["http:", "https:", "mailto:"]);
// A candidate: a scheme we allow, then anything up to whitespace or a character that rarely
// belongs to a URL in chat text (quotes and angle brackets).
const CANDIDATE = /\b(?:https?:\/\/|mailto:)[^\s<>"'`]+/gi;
// Punctuation that usually ends the sentence rather than the URL.
const TRAILING = /[.,;:!?*_~]+$/;

/** Trims trailing punctuation and a closing parenthesis without its opening partner. */
function trimCandidate(text) {
  let url = text.replace(TRAILING, "");
  while (url.endsWith(")") && count(url, "(") < count(url, ")")) {
    url = url.slice(0, -1).replace(TRAILING, "");
  }
  return url;
}

function count(text, char) {
  return text.split(char).length - 1;
}

/** The URL if it parses and uses an allowed scheme, else null. */
export function safeUrl(candidate) {
  try {
    const url = new URL(candidate);
    if (!SAFE_SCHEMES.has(url.protocol)) return null;
    if (url.protocol !== "mailto:" && !url.hostname) return null;
    return url;
  } catch {
    return null;
  }
}

/** The nodes to show `text` with its links; append them to an element. */
export function linkify(text) {
  const nodes = [];
  let position = 0;
  for (const match of text.matchAll(CANDIDATE)) {
    const raw = trimCandidate(match[0]);
    const url = safeUrl(raw);
    if (!url) continue;
    if (match.index > position) nodes.push(document.createTextNode(text.slice(position, match.index)));
    nodes.push(
      h("a", {
        text: raw, // shown exactly as written
        attrs: { href: url.href, target: "_blank", rel: "noopener noreferrer" },
      }),
    );
    position = match.index + raw.length;
  }
  if (position < text.length) nodes.push(document.createTextNode(text.slice(position)));
  return nodes;
}
