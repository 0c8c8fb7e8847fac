// Chatroom client: signs in through the Cognito hosted UI, reads history over REST and
// sends and receives messages over a WebSocket.
const poolData = {
  UserPoolId: "YOUR_USER_POOL_ID",
  ClientId: "YOUR_CLIENT_ID",
};
const cognitoDomain = "https://YOUR_COGNITO_DOMAIN";
const redirectUri = "YOUR_REDIRECT_URI";
const storeMessageEndpoint = "YOUR_STORE_MESSAGE_ENDPOINT";
const getMessagesEndpoint = "YOUR_GET_MESSAGES_ENDPOINT";

function idToken() {
  const match = /id_token=([^&]+)/.exec(window.location.hash);
  if (match) sessionStorage.setItem("idToken", match[1]);
  return sessionStorage.getItem("idToken");
}

function signIn() {
  const query = new URLSearchParams({
    client_id: poolData.ClientId, response_type: "token", scope: "openid email", redirect_uri: redirectUri,
  });
  window.location.assign(`${cognitoDomain}/login?${query}`);
}

async function loadMessages(token) {
  const response = await fetch(getMessagesEndpoint, { headers: { Authorization: token } });
  for (const message of await response.json()) show(message);
}

function show(message) {
  const item = document.createElement("li");
  item.textContent = `${message.username}: ${message.text}`;
  document.getElementById("messages").append(item);
}

const token = idToken();
if (!token) {
  signIn();
} else {
  loadMessages(token);
  const socket = new WebSocket(`${storeMessageEndpoint}?token=${token}`);
  socket.onmessage = (event) => show(JSON.parse(event.data));
  document.getElementById("composer").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = document.getElementById("text");
    socket.send(JSON.stringify({ action: "sendMessage", text: text.value }));
    text.value = "";
  });
}
