// The one place that talks to the chat API: the generated SDK's client for REST and its
// RealtimeClient for the WebSocket. Both take the Cognito ID token from `auth`; the SDK asks
// again with `refresh: true` after a 401 (REST) or a connection that failed to open (WebSocket).

import {
  createClient,
  RealtimeClient,
  ApiError,
  getMe,
  listUsersPages,
  listRoomsPages,
  createRoom,
  getRoom,
  listMessages,
  listMessagesPages,
  createMessage,
  updateMessage,
  deleteMessage,
  listThreadMessages,
} from "../sdk/index.js";

export { ApiError };

export class Api {
  constructor(config, auth) {
    const token = ({ refresh }) => auth.getIdToken({ forceRefresh: refresh });
    this.client = createClient({
      baseUrl: config.apiUrl,
      auth: { cognitoIdToken: token },
      // GETs, DELETEs and message sends (idempotent by clientId) are retried on network
      // errors and 5xx/429 with backoff; PATCH and room creation are not.
      retry: { retries: 3 },
      timeout: 20_000,
    });
    this.realtime = new RealtimeClient({
      url: config.websocketUrl,
      token,
      reconnect: { minDelay: 500, maxDelay: 15_000 },
      queueLimit: 200,
    });
  }

  me() {
    return getMe(this.client);
  }

  /** Every user (all pages), for names and presence. */
  async users() {
    const users = [];
    for await (const page of listUsersPages(this.client, { limit: 100 })) users.push(...page.items);
    return users;
  }

  /** Every room of the caller (all pages). */
  async rooms() {
    const rooms = [];
    for await (const page of listRoomsPages(this.client, { limit: 100 })) rooms.push(...page.items);
    return rooms;
  }

  room(roomId) {
    return getRoom(this.client, { roomId });
  }

  createRoom(body) {
    return createRoom(this.client, { body });
  }

  /** A page of top-level messages, newest first: the newest, or those before `before`. */
  messages(roomId, { before, limit = 50 } = {}) {
    return listMessages(this.client, { roomId, before, limit });
  }

  /** Every top-level message newer than `after` (to catch up after a reconnect). */
  async messagesAfter(roomId, after) {
    const items = [];
    for await (const page of listMessagesPages(this.client, { roomId, after, limit: 100 })) items.push(...page.items);
    return items;
  }

  /** Sends (or re-sends: same clientId, no duplicate) a message or thread reply. */
  send(roomId, { clientId, text, threadId }) {
    const body = threadId ? { clientId, text, threadId } : { clientId, text };
    return createMessage(this.client, { roomId, body });
  }

  edit(roomId, messageId, text) {
    return updateMessage(this.client, { roomId, messageId, body: { text } });
  }

  remove(roomId, messageId) {
    return deleteMessage(this.client, { roomId, messageId });
  }

  thread(roomId, threadId, last = 50) {
    return listThreadMessages(this.client, { roomId, threadId, last });
  }
}
