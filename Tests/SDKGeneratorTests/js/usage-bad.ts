// Must NOT type-check: each call below passes a wrong parameter.
import { RealtimeClient, createClient, getRoom } from "./index.js";

const client = createClient({ baseUrl: "http://127.0.0.1:8080/api" });
await getRoom(client, { roomID: "r1" });
await getRoom(client, { roomId: 42 });
new RealtimeClient({ url: "ws://x" }).sendMessage({ roomId: "r1" });
