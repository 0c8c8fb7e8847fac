// Must type-check with `tsc --noEmit --strict` beside the generated chat SDK.
import {
  ApiError, RealtimeClient, createClient, createMessage, getRoom, listMessagesPages, listRooms, type Message,
  type MessagePage, type Room,
} from "./index.js";

export async function usage(token: () => Promise<string>): Promise<void> {
  const client = createClient({ baseUrl: "http://127.0.0.1:8080/api", auth: { cognitoIdToken: token }, retry: true });
  const room: Room = await getRoom(client, { roomId: "r1" }, { timeout: 5000 });
  const rooms = await listRooms(client);
  const names: string[] = rooms.items.map((item) => item.name);
  const message: Message = await createMessage(client, { roomId: room.id, body: { clientId: "c1", text: "hi" } });
  const created: Date = message.createdAt;
  const raw = await getRoom(client, { roomId: "r1" }, { raw: true });
  if (raw.status === 200) {
    const name: string = raw.data.name;
  } else if (raw.status === 404) {
    const code: string = raw.data.code;
  }
  for await (const page of listMessagesPages(client, { roomId: room.id, limit: 50 })) {
    const items: MessagePage["items"] = page.items;
  }
  try {
    await getRoom(client, { roomId: "missing" });
  } catch (error) {
    if (error instanceof ApiError) console.log(error.status, error.operationId, error.requestId);
  }
  const realtime = new RealtimeClient({ url: "ws://127.0.0.1:8080/ws", token: "t" });
  await realtime.connect();
  realtime.sendMessage({ roomId: room.id, clientId: "c2", text: "live" });
  realtime.ping();
  const off = realtime.on("messageCreated", (data) => {
    const when: Date = data.createdAt;
  });
  off();
  await realtime.close();
  console.log(names, created);
}
