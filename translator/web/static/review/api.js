/* Talking to the server: every request is same-origin, and every POST carries the CSRF token
   from <meta name="csrf-token"> in X-CSRFToken. Answers are { status, body }; a network
   failure is status 0 with a message that the typed text is still there. */

const csrf = document.querySelector('meta[name="csrf-token"]').content;

export async function postJSON(url, data) {
  let response;
  try {
    response = await fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify(data || {}),
    });
  } catch (error) {
    return { status: 0, body: { error: "The server cannot be reached. Your text is still here; try again." } };
  }
  let body = {};
  try { body = await response.json(); } catch (error) { body = {}; }
  if (response.status === 401) body.error = "Your session ended. Log in again in another tab, then save.";
  return { status: response.status, body: body };
}

/* A GET that wants HTML (the server-rendered, escaped panel fragments) or JSON. */
export function getPage(url) {
  return fetch(url, { credentials: "same-origin", headers: { "Accept": "text/html" } });
}

export function getJSON(url) {
  return fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } });
}
