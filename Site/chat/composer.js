// A message box: Enter sends, Shift+Enter starts a new line, and typing is reported (at most
// every 3 s while typing, as the realtime protocol asks, and "stopped" after a pause or a send).

const TYPING_RESEND_MS = 3000;
const TYPING_IDLE_MS = 4000;

export class Composer {
  /** `onSend(text)` gets the trimmed text; `onTyping(isTyping)` is optional. */
  constructor(form, input, { onSend, onTyping = () => {} }) {
    Object.assign(this, { form, input, onSend, onTyping });
    this.typing = false;
    this.lastSent = 0;
    this.idleTimer = 0;
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        form.requestSubmit();
      }
    });
    input.addEventListener("input", () => this.#typed());
    input.addEventListener("blur", () => this.#stop());
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const text = input.value.trim();
      if (!text) return;
      this.#stop();
      input.value = "";
      onSend(text);
      input.focus();
    });
  }

  #typed() {
    clearTimeout(this.idleTimer);
    if (!this.input.value.trim()) return this.#stop();
    const now = Date.now();
    if (!this.typing || now - this.lastSent >= TYPING_RESEND_MS) {
      this.typing = true;
      this.lastSent = now;
      this.onTyping(true);
    }
    this.idleTimer = setTimeout(() => this.#stop(), TYPING_IDLE_MS);
  }

  #stop() {
    clearTimeout(this.idleTimer);
    if (!this.typing) return;
    this.typing = false;
    this.onTyping(false);
  }
}
