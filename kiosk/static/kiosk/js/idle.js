/* Idle reset (WCAG 2.2.1 Timing Adjustable): after ``idleSeconds`` without a touch, key or
 * scroll, a "Still reading?" dialog counts down ``warnSeconds`` (at least 20) with a "Carry on"
 * button; when it runs out, the app goes back to the start and forgets everything. Nothing is
 * asked when there is nothing to forget (the untouched home screen). */

const ACTIVITY = ["pointerdown", "keydown", "wheel", "touchstart", "scroll"];

export class IdleTimer {
  constructor({ idleSeconds, warnSeconds, dialog, seconds, carryOn, isPristine, onTimeout }) {
    this.idleMs = idleSeconds * 1000;
    this.warnMs = warnSeconds * 1000;
    this.dialog = dialog;
    this.seconds = seconds;
    this.carryOnButton = carryOn;
    this.isPristine = isPristine;
    this.onTimeout = onTimeout;
    this.timer = null;
    this.ticker = null;
    this.deadline = 0;
  }

  start() {
    const onActivity = () => {
      if (!this.dialog.open) this.restart();
    };
    for (const type of ACTIVITY) {
      document.addEventListener(type, onActivity, { capture: true, passive: true });
    }
    this.carryOnButton.addEventListener("click", () => this.carryOn());
    // Escape closes a modal dialog: here it means "carry on" too.
    this.dialog.addEventListener("cancel", (event) => {
      event.preventDefault();
      this.carryOn();
    });
    this.restart();
  }

  restart() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.warn(), this.idleMs);
  }

  warn() {
    if (this.isPristine()) {
      this.restart();
      return;
    }
    this.deadline = Date.now() + this.warnMs;
    this.tick();
    this.dialog.showModal();
    this.carryOnButton.focus();
    this.ticker = setInterval(() => this.tick(), 250);
  }

  tick() {
    const left = Math.max(0, Math.ceil((this.deadline - Date.now()) / 1000));
    this.seconds.textContent = String(left);
    if (left === 0) this.expire();
  }

  carryOn() {
    this.closeDialog();
    this.restart();
  }

  expire() {
    this.closeDialog();
    this.onTimeout();
    this.restart();
  }

  closeDialog() {
    clearInterval(this.ticker);
    this.ticker = null;
    if (this.dialog.open) this.dialog.close();
  }
}
