// The chat app's entry point: load the config, finish or start the sign-in, then wire the
// views to the API, the realtime connection and each other.

import { byId, Announcer, errorText } from "./chat/dom.js";
import { loadConfig } from "./chat/config.js";
import { Auth, SessionEndedError } from "./chat/auth.js";
import { Api, ApiError } from "./chat/api.js";
import { Store } from "./chat/store.js";
import { RoomList, CreateRoomDialog, roomHref } from "./chat/rooms.js";
import { Messages } from "./chat/messages.js";
import { ThreadPanel } from "./chat/threads.js";
import { PeopleList, TypingIndicator } from "./chat/presence.js";
import { Composer } from "./chat/composer.js";

const announcer = new Announcer(byId("announcer"));

/** Shows one of the top-level screens: "loading", "signed-out" or "chat". */
function showScreen(name) {
  byId("loading").hidden = name !== "loading";
  byId("signed-out").hidden = name !== "signed-out";
  byId("chat").hidden = name !== "chat";
  byId("skip-links").hidden = name !== "chat";
  byId("account").hidden = name !== "chat";
  byId("rooms-toggle").hidden = name !== "chat";
  // On a phone the site links move into the room drawer while the chat is shown.
  document.body.classList.toggle("is-chat", name === "chat");
}

function showSignedOut(auth, message) {
  showScreen("signed-out");
  const error = byId("sign-in-error");
  error.textContent = message ?? "";
  error.hidden = !message;
  const button = byId("sign-in");
  button.disabled = !auth;
  // A property, not addEventListener: this screen may be shown more than once.
  button.onclick = auth
    ? () => {
        button.disabled = true;
        auth.signIn().catch((err) => showSignedOut(auth, errorText(err)));
      }
    : null;
  document.title = "Sign in · chatsite";
}

/** A modal yes/no question; resolves true when confirmed. */
function confirmDialog(text, confirmLabel) {
  const dialog = byId("confirm-dialog");
  byId("confirm-text").textContent = text;
  byId("confirm-ok").textContent = confirmLabel;
  dialog.returnValue = "";
  dialog.showModal();
  byId("confirm-cancel").focus();
  return new Promise((resolve) => {
    dialog.addEventListener("close", () => resolve(dialog.returnValue === "ok"), { once: true });
  });
}

async function main() {
  showScreen("loading");
  let config;
  try {
    config = await loadConfig();
  } catch (error) {
    showSignedOut(null, error.message);
    return;
  }
  const auth = new Auth(config);
  let problem;
  try {
    await auth.completeSignIn();
  } catch (error) {
    problem = error.message;
  }
  if (!auth.signedIn) return showSignedOut(auth, problem);
  try {
    await startChat(config, auth);
  } catch (error) {
    if (error instanceof SessionEndedError || (error instanceof ApiError && error.status === 401)) {
      showSignedOut(auth, "Your session has ended. Please sign in again.");
    } else {
      showSignedOut(auth, `The chat could not start: ${errorText(error)}`);
    }
  }
}

async function startChat(config, auth) {
  const api = new Api(config, auth);
  const store = new Store();
  store.me = await api.me();
  const [users, rooms] = await Promise.all([api.users(), api.rooms()]);

  // --- Views ---
  const roomList = new RoomList(store, { list: byId("room-list"), empty: byId("no-rooms") });
  const messages = new Messages({
    api, store, announcer, confirm: confirmDialog,
    els: {
      scroller: byId("message-scroller"), loadOlder: byId("load-older"), historyStatus: byId("history-status"),
      jumpLatest: byId("jump-latest"), pane: byId("room-pane"), empty: byId("room-empty"), title: byId("room-title"),
      topic: byId("room-topic"), summary: byId("room-summary"), composerInput: byId("composer-input"),
    },
  });
  const thread = new ThreadPanel({
    api, store, messages, announcer,
    els: {
      panel: byId("thread-panel"), title: byId("thread-title"), scroller: byId("thread-scroller"),
      older: byId("thread-older"), status: byId("thread-status"), form: byId("thread-composer"),
      input: byId("thread-input"), close: byId("thread-close"),
    },
  });
  const typing = new TypingIndicator(store, byId("typing-indicator"));
  new PeopleList(store, { section: byId("people"), list: byId("people-list") });
  messages.thread = thread;
  messages.typing = typing;
  const reportTyping = (roomId, isTyping) => {
    try {
      if (roomId) api.realtime.typing({ roomId, isTyping });
    } catch {
      // The offline queue is full: typing is not worth keeping.
    }
  };
  thread.onTyping = reportTyping;
  new Composer(byId("composer"), byId("composer-input"), {
    onSend: (text) => messages.send(store.currentRoomId, text),
    onTyping: (isTyping) => reportTyping(store.currentRoomId, isTyping),
  });
  const createRoom = new CreateRoomDialog({
    api, store,
    els: {
      dialog: byId("create-room-dialog"), form: byId("create-room-form"), name: byId("room-name"),
      topic: byId("room-topic-input"), members: byId("member-choices"), filter: byId("member-filter"),
      noUsers: byId("no-users"), error: byId("create-room-error"), cancel: byId("create-room-cancel"),
    },
    onCreated: (room) => {
      location.hash = roomHref(room.id);
      announcer.say(`Room #${room.name} created.`);
    },
  });
  byId("new-room").addEventListener("click", () => createRoom.open());

  store.setUsers(users);
  store.setRooms(rooms);
  byId("me-name").textContent = store.me.displayName;
  showScreen("chat");

  // --- Header: account, narrow-screen room drawer ---
  const toggle = byId("rooms-toggle");
  const sidebar = byId("sidebar");
  const setDrawer = (open) => {
    document.body.classList.toggle("drawer-open", open);
    toggle.setAttribute("aria-expanded", String(open));
    if (open) (sidebar.querySelector("[aria-current]") ?? byId("new-room")).focus();
  };
  toggle.addEventListener("click", () => setDrawer(!document.body.classList.contains("drawer-open")));
  sidebar.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && document.body.classList.contains("drawer-open")) {
      setDrawer(false);
      toggle.focus();
    }
  });
  byId("drawer-backdrop").addEventListener("click", () => setDrawer(false));
  // Choosing a room closes the drawer, even the room already open (no hashchange then).
  byId("room-list").addEventListener("click", (event) => {
    if (event.target.closest("a") && document.body.classList.contains("drawer-open")) {
      setDrawer(false);
      byId("composer-input").focus();
    }
  });
  let signingOut = false;
  byId("sign-out").addEventListener("click", async () => {
    signingOut = true;
    await api.realtime.close().catch(() => {});
    await auth.signOut();
  });
  auth.onSessionEnded(() => {
    signingOut = true;
    api.realtime.close();
    showSignedOut(auth, "Your session has ended. Please sign in again.");
  });

  // --- Routing: #/rooms/<id> ---
  const route = () => {
    const match = /^#\/rooms\/([^/]+)$/.exec(location.hash);
    if (!match && location.hash.startsWith("#/")) return messages.show(null);
    if (!match) return; // an in-page anchor such as a skip link
    const roomId = decodeURIComponent(match[1]);
    if (store.currentRoomId !== roomId || byId("room-pane").hidden) messages.show(roomId);
    if (thread.isOpen && thread.roomId !== roomId) thread.close({ restoreFocus: false });
    if (document.body.classList.contains("drawer-open")) {
      setDrawer(false);
      byId("composer-input").focus();
    }
    updateTitle();
  };
  const updateTitle = () => {
    const unread = store.totalUnread();
    const room = store.rooms.get(store.currentRoomId);
    document.title = `${unread ? `(${unread}) ` : ""}${room ? `#${room.name} · ` : ""}chatsite`;
  };
  store.on("room", updateTitle);
  store.on("roomRemoved", ({ roomId, reason }) => {
    updateTitle();
    if (roomId === store.currentRoomId || location.hash === roomHref(roomId)) {
      announcer.say(reason === "removed" ? "You were removed from this room." : "This room was deleted.");
      history.replaceState(null, "", location.pathname);
      messages.show(null);
    }
  });
  window.addEventListener("hashchange", route);
  if (!location.hash && store.rooms.size) history.replaceState(null, "", roomHref(store.sortedRooms()[0].id));
  route();
  if (!store.currentRoomId) messages.show(null);
  document.addEventListener("visibilitychange", () => messages.scheduleMarkRead());

  // --- Realtime ---
  const rt = api.realtime;
  const banner = byId("reconnect-banner");
  const bannerText = byId("reconnect-text");
  let everOpen = false;
  let userListReload = 0;
  const reloadUsers = () => {
    clearTimeout(userListReload);
    userListReload = setTimeout(async () => store.setUsers(await api.users().catch(() => [])), 500);
  };
  rt.on("messageCreated", (m) => {
    if (!store.users.has(m.authorId) && m.authorId !== store.me.id) reloadUsers();
    messages.apply(m);
  });
  rt.on("messageUpdated", (m) => messages.update(m));
  rt.on("messageDeleted", (e) => messages.remove(e));
  rt.on("roomUpdated", (room) => {
    const added = !store.rooms.has(room.id);
    store.upsertRoom(room);
    if (added) announcer.say(`You were added to #${room.name}.`);
    if (room.members.some((id) => id !== store.me.id && !store.users.has(id))) reloadUsers();
  });
  rt.on("roomDeleted", (e) => store.removeRoom(e.roomId, e.reason));
  rt.on("presence", (e) => {
    if (!store.setPresence(e)) reloadUsers();
  });
  rt.on("typing", (e) => typing.set(e));
  rt.on("$open", async () => {
    const reconnected = everOpen;
    everOpen = true;
    banner.hidden = true;
    if (reconnected) {
      announcer.say("Reconnected.");
      messages.retryFailed();
    }
    // Catch up on whatever happened while the socket was not open (also the gap between the
    // first REST load and the first open).
    try {
      await messages.catchUp();
      store.setRooms(await api.rooms());
      store.setUsers(await api.users());
      thread.reload();
    } catch (error) {
      if (!(error instanceof SessionEndedError)) announcer.say(`Could not catch up: ${errorText(error)}`);
    }
  });
  rt.on("$close", () => {
    if (signingOut) return;
    bannerText.textContent = navigator.onLine ? "Connection lost. Reconnecting…" : "You are offline. Reconnecting when the network is back…";
    banner.hidden = false;
  });
  window.addEventListener("offline", () => {
    bannerText.textContent = "You are offline. Reconnecting when the network is back…";
    banner.hidden = false;
  });
  window.addEventListener("online", () => {
    if (rt.state === "open") banner.hidden = true;
  });
  rt.connect().catch(() => {});
}

main();
