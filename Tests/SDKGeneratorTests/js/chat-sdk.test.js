// The generated chat SDK against a live `chatsite serve`: every operation, errors, auth
// refresh, retries, cancellation, pagination and realtime between two clients.
// Run by scripts/sdk-test with CHATSITE_SDK (the generated folder) and CHATSITE_URL (the server).
import assert from "node:assert/strict";
import http from "node:http";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { pathToFileURL } from "node:url";

const sdk = await import(pathToFileURL(join(process.env.CHATSITE_SDK, "index.js")).href);
const origin = process.env.CHATSITE_URL;
const api = origin + "/api";

/** Signs in through the local hosted UI: /login gives a code, /oauth2/token the tokens. */
async function signIn(username) {
  const form = new URLSearchParams({
    client_id: "chatsitelocal", redirect_uri: "http://localhost/cb", response_type: "code", new_username: username,
  });
  const login = await fetch(origin + "/login", { method: "POST", body: form, redirect: "manual" });
  const code = new URL(login.headers.get("location")).searchParams.get("code");
  const exchange = new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: "http://localhost/cb" });
  const tokens = await (await fetch(origin + "/oauth2/token", { method: "POST", body: exchange })).json();
  return tokens;
}

const run = Date.now().toString(36);
let alice, bob, carol, aliceTokens, bobTokens;

before(async () => {
  aliceTokens = await signIn(`alice-${run}`);
  bobTokens = await signIn(`bob-${run}`);
  const carolTokens = await signIn(`carol-${run}`);
  alice = sdk.createClient({ baseUrl: api, auth: { cognitoIdToken: aliceTokens.id_token } });
  bob = sdk.createClient({ baseUrl: api, auth: { cognitoIdToken: bobTokens.id_token } });
  carol = sdk.createClient({ baseUrl: api, auth: { cognitoIdToken: carolTokens.id_token } });
});

const ids = {};
const newRoom = (name, members) => sdk.createRoom(alice, { body: { name, members } });
const say = (client, roomId, text, extra = {}) =>
  sdk.createMessage(client, { roomId, body: { clientId: `c-${Math.random().toString(36).slice(2)}`, text, ...extra } });

describe("system and users", () => {
  test("config and health need no token", async () => {
    const anonymous = sdk.createClient({ baseUrl: api });
    const config = await sdk.getConfig(anonymous);
    // The server listens on an ephemeral port; its config names that port, not 0.
    assert.equal(config.websocketUrl, origin.replace("http:", "ws:") + "/ws");
    assert.equal(config.apiUrl, api);
    assert.equal((await sdk.getHealth(anonymous)).status, "ok");
  });

  test("getMe names the caller, and dates arrive as Date", async () => {
    const me = await sdk.getMe(alice);
    assert.equal(me.username, `alice-${run}`);
    ids.alice = me.id;
    ids.bob = (await sdk.getMe(bob)).id;
    ids.carol = (await sdk.getMe(carol)).id;
    const users = await sdk.listUsers(alice, { limit: 100 });
    assert.ok(users.items.some((user) => user.id === ids.bob));
  });

  test("a missing token is an ApiError 401 with the request id", async () => {
    const anonymous = sdk.createClient({ baseUrl: api });
    const error = await sdk.getMe(anonymous).catch((e) => e);
    assert.ok(error instanceof sdk.ApiError);
    assert.equal(error.status, 401);
    assert.equal(error.operationId, "getMe");
    assert.equal(error.body.code, "unauthorized");
    assert.equal(error.requestId, error.body.requestId);
  });

  test("a rejected token is refreshed once and the call retried", async () => {
    const calls = [];
    const client = sdk.createClient({
      baseUrl: api,
      auth: { cognitoIdToken: async (context) => { calls.push(context.refresh); return context.refresh ? aliceTokens.id_token : "forged.token.here"; } },
    });
    assert.equal((await sdk.getMe(client)).id, ids.alice);
    assert.deepEqual(calls, [false, true]);
  });

  test("the refresh grant gives a token the API accepts", async () => {
    const form = new URLSearchParams({ grant_type: "refresh_token", refresh_token: aliceTokens.refresh_token });
    const tokens = await (await fetch(origin + "/oauth2/token", { method: "POST", body: form })).json();
    const client = sdk.createClient({ baseUrl: api, auth: { cognitoIdToken: () => tokens.id_token } });
    assert.equal((await sdk.getMe(client)).id, ids.alice);
  });
});

describe("rooms", () => {
  test("create, get, list, update, and the errors of each", async () => {
    const room = await newRoom("general", [ids.bob]);
    ids.room = room.id;
    assert.ok(room.createdAt instanceof Date);
    assert.equal((await sdk.getRoom(bob, { roomId: room.id })).name, "general");
    const rooms = await sdk.listRooms(bob, { limit: 50 });
    assert.ok(rooms.items.some((item) => item.id === room.id));

    const invalid = await sdk.createRoom(alice, { body: { name: "", members: [] } }).catch((e) => e);
    assert.equal(invalid.status, 400);
    assert.ok(invalid.body.errors.some((error) => error.pointer.startsWith("/body/")));

    const updated = await sdk.updateRoom(alice, { roomId: room.id, body: { topic: "news", addMembers: [ids.carol] } });
    assert.equal(updated.topic, "news");
    assert.ok(updated.members.includes(ids.carol));

    const missing = await sdk.getRoom(alice, { roomId: "nope" }).catch((e) => e);
    assert.equal(missing.status, 404);
    const forbidden = await sdk.deleteRoom(bob, { roomId: room.id }).catch((e) => e);
    assert.equal(forbidden.status, 403);
  });

  test("the raw form returns every status, typed by code", async () => {
    const ok = await sdk.getRoom(alice, { roomId: ids.room }, { raw: true });
    assert.equal(ok.status, 200);
    assert.equal(ok.data.id, ids.room);
    assert.ok(ok.requestId);
    const missing = await sdk.getRoom(alice, { roomId: "nope" }, { raw: true });
    assert.equal(missing.status, 404);
    assert.equal(missing.data.code, "not_found");
  });

  test("the owner deletes a room", async () => {
    const room = await newRoom("scratch", [ids.bob]);
    assert.equal(await sdk.deleteRoom(alice, { roomId: room.id }), undefined);
    assert.equal((await sdk.getRoom(alice, { roomId: room.id }, { raw: true })).status, 404);
  });
});

describe("messages and threads", () => {
  test("send is idempotent by clientId; get, edit, delete and their errors", async () => {
    const body = { clientId: `once-${run}`, text: "hello" };
    const first = await sdk.createMessage(alice, { roomId: ids.room, body }, { raw: true });
    const again = await sdk.createMessage(alice, { roomId: ids.room, body }, { raw: true });
    assert.deepEqual([first.status, again.status], [201, 200]);
    assert.equal(again.data.id, first.data.id);
    const id = first.data.id;
    assert.ok(first.data.createdAt instanceof Date);

    assert.equal((await sdk.getMessage(bob, { roomId: ids.room, messageId: id })).text, "hello");
    const edited = await sdk.updateMessage(alice, { roomId: ids.room, messageId: id, body: { text: "hello!" } });
    assert.ok(edited.editedAt instanceof Date);
    const notYours = await sdk.updateMessage(bob, { roomId: ids.room, messageId: id, body: { text: "x" } }).catch((e) => e);
    assert.equal(notYours.status, 403);
    assert.equal((await sdk.deleteMessage(bob, { roomId: ids.room, messageId: id }).catch((e) => e)).status, 403);
    assert.equal(await sdk.deleteMessage(alice, { roomId: ids.room, messageId: id }), undefined);
    assert.equal((await sdk.getMessage(alice, { roomId: ids.room, messageId: id }).catch((e) => e)).status, 404);
  });

  test("pages iterate over every message, newest first", async () => {
    const room = await newRoom("paging", [ids.bob]);
    const sent = [];
    for (let i = 0; i < 5; i++) sent.push((await say(alice, room.id, `m${i}`)).id);
    const pages = [];
    for await (const page of sdk.listMessagesPages(bob, { roomId: room.id, limit: 2 })) pages.push(page.items.map((m) => m.id));
    assert.deepEqual(pages.flat(), sent.reverse());
    assert.ok(pages.length >= 3);
  });

  test("threads: replies, the room's threads and a thread's last messages", async () => {
    const root = await say(alice, ids.room, "thread root");
    await say(bob, ids.room, "reply 1", { threadId: root.id });
    const reply = await say(alice, ids.room, "reply 2", { threadId: root.id });
    const threads = await sdk.listThreads(bob, { roomId: ids.room });
    assert.equal(threads.items[0].root.id, root.id);
    assert.ok(threads.items[0].lastMessageAt instanceof Date);
    const last = await sdk.listThreadMessages(bob, { roomId: ids.room, threadId: root.id, last: 1 });
    assert.deepEqual(last.items.map((m) => m.id), [reply.id]);
  });

  test("a non-member gets 404 for the room's messages", async () => {
    const room = await newRoom("private", [ids.bob]);
    assert.equal((await sdk.listMessages(carol, { roomId: room.id }).catch((e) => e)).status, 404);
  });
});

/** A proxy in front of the server that answers the first `failures` requests with 503. */
function flakyProxy(failures, delayMs = 0) {
  const seen = [];
  const upstreams = [];
  const timers = [];
  const server = http.createServer((request, response) => {
    seen.push(request.method);
    if (seen.length <= failures) {
      response.writeHead(503, { "Retry-After": "0", "Content-Type": "application/json" });
      response.end(JSON.stringify({ code: "internal", message: "try again", requestId: "proxy" }));
      return;
    }
    timers.push(setTimeout(() => {
      const upstream = http.request(api + request.url, { agent: false, method: request.method, headers: { ...request.headers, host: new URL(api).host, connection: "close" } }, (reply) => {
        response.writeHead(reply.statusCode, reply.headers);
        reply.pipe(response);
      });
      upstreams.push(upstream);
      request.pipe(upstream);
    }, delayMs));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, seen, upstreams, timers, url: `http://127.0.0.1:${server.address().port}` })));
}

describe("retries, timeouts and cancellation", () => {
  const servers = [];
  after(() => servers.forEach((proxy) => {
    proxy.timers.forEach(clearTimeout);
    proxy.upstreams.forEach((upstream) => upstream.destroy());
    proxy.server.closeAllConnections();
    proxy.server.close();
  }));

  test("idempotent requests are retried after 503, honouring Retry-After", async () => {
    const proxy = await flakyProxy(2);
    servers.push(proxy);
    const client = sdk.createClient({ baseUrl: proxy.url, auth: { cognitoIdToken: aliceTokens.id_token }, retry: { retries: 3 } });
    assert.equal((await sdk.getRoom(client, { roomId: ids.room })).id, ids.room);
    assert.deepEqual(proxy.seen, ["GET", "GET", "GET"]);
  });

  test("a POST with a clientId is retried; an edit (PATCH) is not; retries are opt-in", async () => {
    const proxy = await flakyProxy(1);
    servers.push(proxy);
    const client = sdk.createClient({ baseUrl: proxy.url, auth: { cognitoIdToken: aliceTokens.id_token }, retry: true });
    const message = await say(client, ids.room, "via a flaky proxy");
    assert.deepEqual(proxy.seen, ["POST", "POST"]);

    const patchProxy = await flakyProxy(1);
    servers.push(patchProxy);
    const patchClient = sdk.createClient({ baseUrl: patchProxy.url, auth: { cognitoIdToken: aliceTokens.id_token }, retry: true });
    const error = await sdk.updateMessage(patchClient, { roomId: ids.room, messageId: message.id, body: { text: "x" } }).catch((e) => e);
    assert.equal(error.status, 503);

    const offProxy = await flakyProxy(1);
    servers.push(offProxy);
    const plain = sdk.createClient({ baseUrl: offProxy.url, auth: { cognitoIdToken: aliceTokens.id_token } });
    assert.equal((await sdk.getRoom(plain, { roomId: ids.room }).catch((e) => e)).status, 503);
  });

  test("a timeout and an abort both stop the request", async () => {
    const proxy = await flakyProxy(0, 2000);
    servers.push(proxy);
    const client = sdk.createClient({ baseUrl: proxy.url, auth: { cognitoIdToken: aliceTokens.id_token } });
    const timedOut = await sdk.getRoom(client, { roomId: ids.room }, { timeout: 100 }).catch((e) => e);
    assert.equal(timedOut.name, "TimeoutError");
    const controller = new AbortController();
    const pending = sdk.getRoom(client, { roomId: ids.room }, { signal: controller.signal }).catch((e) => e);
    setTimeout(() => controller.abort(), 50);
    assert.equal((await pending).name, "AbortError");
  });
});

describe("realtime", () => {
  test("two members see each other's messages; a non-member sees nothing", async () => {
    const config = await sdk.getConfig(alice);
    // Node's fetch and WebSocket share one connection pool, and the dev server (Hummingbird)
    // upgrades only a connection's first request: "localhost" gives the sockets a pool of their own.
    // Browsers open WebSockets on connections of their own; on AWS the two APIs are separate hosts.
    const url = config.websocketUrl.replace("127.0.0.1", "localhost");
    const connect = (tokens) => new sdk.RealtimeClient({ url, token: tokens.id_token, reconnect: false });
    const aliceSocket = connect(aliceTokens);
    const bobSocket = connect(bobTokens);
    const outsiderTokens = await signIn(`dave-${run}`);
    const outsider = connect(outsiderTokens);
    await Promise.all([aliceSocket.connect(), bobSocket.connect(), outsider.connect()]);
    const outsiderSaw = [];
    outsider.on("messageCreated", (message) => outsiderSaw.push(message));
    const received = new Promise((resolve) => bobSocket.on("messageCreated", (message) => message.text === "live" && resolve(message)));
    aliceSocket.sendMessage({ roomId: ids.room, clientId: `ws-${run}`, text: "live" });
    const message = await received;
    assert.equal(message.authorId, ids.alice);
    assert.ok(message.createdAt instanceof Date);

    const reply = new Promise((resolve) => aliceSocket.on("messageCreated", (m) => m.text === "back" && resolve(m)));
    bobSocket.sendMessage({ roomId: ids.room, clientId: `ws-back-${run}`, text: "back" });
    assert.equal((await reply).authorId, ids.bob);

    const pong = new Promise((resolve) => aliceSocket.on("pong", resolve));
    aliceSocket.ping({ nonce: "n1" });
    assert.equal((await pong).nonce, "n1");
    assert.deepEqual(outsiderSaw, []);
    await Promise.all([aliceSocket.close(), bobSocket.close(), outsider.close()]);
  });
});

describe("API Gateway console SDK facade (apigClient.js)", () => {
  test("console-SDK names and call shape, with the raw ID token in Authorization", async () => {
    const { apigClientFactory } = await import(pathToFileURL(join(process.env.CHATSITE_SDK, "apigClient.js")).href);
    const apig = apigClientFactory.newClient({ invokeUrl: api });
    const auth = { headers: { Authorization: aliceTokens.id_token } }; // no "Bearer ", as Chatify sends it
    const room = await apig.roomsRoomIdGet({ roomId: ids.room }, undefined, auth);
    assert.equal(room.status, 200);
    assert.equal(room.data.id, ids.room);
    const sent = await apig.roomsRoomIdMessagesPost({ roomId: ids.room }, { clientId: `apig-${run}`, text: "via apig" }, auth);
    assert.equal(sent.status, 201);
    const page = await apig.roomsRoomIdMessagesGet({ roomId: ids.room }, undefined, { ...auth, queryParams: { limit: "1" } });
    assert.deepEqual(page.data.items.map((m) => m.id), [sent.data.id]);
    const error = await apig.roomsRoomIdGet({ roomId: "nope" }, undefined, auth).catch((e) => e);
    assert.equal(error.response.status, 404);
    assert.equal(error.response.data.code, "not_found");
  });
});
