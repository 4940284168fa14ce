/*
 * An idle sign-out (cms/idle_sessions.py) never loses what an editor or reviewer typed.
 *
 * - While someone types, clicks or chooses, the page asks the activity check at most once a
 *   minute: that request is activity, so the session lives while its user works (a new page's
 *   form has no autosave to do it).
 * - Before a form is sent, the page asks again (the session may also have ended by signing out
 *   in another tab). If it has ended, the form is not sent: it stays as it is, and a message
 *   says to sign in again in a new tab and then send it again. Signing in replaces the CSRF
 *   token, so each answer's token is put into the page's forms.
 */
(() => {
  const script = document.currentScript;
  const activityUrl = script.dataset.activityUrl;
  const loginUrl = script.dataset.loginUrl;
  const MINUTE = 60_000;
  let askedAt = -Infinity;
  // Signed-in admin pages only (the sign-in page has no sidebar; this runs before the body).
  const signedIn = () => document.getElementById("wagtail-sidebar") !== null;

  /* False only when the server says the session has ended (401 with `signed_out`); true
   * otherwise. Any other answer (offline, a server error, the second factor still to give)
   * lets the form go, as it would without this script: the next page says what is wrong. */
  const alive = async () => {
    askedAt = Date.now();
    try {
      const response = await fetch(activityUrl, {
        credentials: "same-origin",
        cache: "no-store",
        redirect: "manual",
        headers: { Accept: "application/json" },
      });
      const answer = await response.json();
      if (response.status === 401 && answer.signed_out) return false;
      if (response.ok && answer.csrf_token) {
        document.querySelectorAll('input[name="csrfmiddlewaretoken"]').forEach((input) => {
          input.value = answer.csrf_token;
        });
        if (window.wagtailConfig) window.wagtailConfig.CSRF_TOKEN = answer.csrf_token;
        hideNotice();
      }
    } catch {
      // Not JSON, a redirect, or no answer.
    }
    return true;
  };

  let notice = null;
  const showNotice = (form) => {
    if (!notice) {
      notice = document.createElement("div");
      notice.className = "help-block help-critical";
      notice.setAttribute("role", "alert");
      notice.dataset.signedOutNotice = "";
      const link = document.createElement("a");
      link.href = loginUrl;
      link.target = "_blank";
      link.rel = "noopener";
      link.textContent = "Sign in again in a new tab";
      notice.append(
        "You were signed out after a time without activity, so nothing was sent. What you " +
          "entered is still here. ",
        link,
        ", then come back and press the button again.",
      );
    }
    (form.closest("main") || document.body).prepend(notice);
    notice.scrollIntoView({ block: "center" });
    // Buttons that show progress once pressed can be pressed again.
    form.querySelectorAll('[data-w-progress-loading-value="true"]').forEach((button) => {
      button.setAttribute("data-w-progress-loading-value", "false");
    });
  };
  const hideNotice = () => notice?.remove();

  const typed = () => {
    if (!signedIn() || Date.now() - askedAt < MINUTE) return;
    alive().then((yes) => {
      if (!yes) showNotice(document.querySelector("main form") || document.body);
    });
  };
  for (const type of ["input", "change", "keydown", "pointerdown"]) {
    document.addEventListener(type, typed, { capture: true, passive: true });
  }

  const checked = new WeakSet();
  document.addEventListener(
    "submit",
    async (event) => {
      const form = event.target;
      if (!signedIn() || form.method.toLowerCase() !== "post" || checked.has(form)) {
        checked.delete(form);
        return;
      }
      // Held back from every other handler too: they see the submit that is sent.
      event.preventDefault();
      event.stopImmediatePropagation();
      const submitter = event.submitter?.form === form ? event.submitter : null;
      if (!(await alive())) {
        showNotice(form);
        return;
      }
      checked.add(form);
      if (!submitter) {
        form.requestSubmit();
        return;
      }
      // Wagtail disables a pressed button (its progress spinner) while the check ran, and a
      // disabled button's name (action-publish, …) would not be sent: enabled for the send.
      const disabled = submitter.disabled;
      submitter.disabled = false;
      form.requestSubmit(submitter);
      submitter.disabled = disabled;
    },
    true,
  );
})();
