// The similar claims follow the claim as it is written. Without JavaScript the button
// "Check for similar claims" shows the same list; this only saves the click.
(function () {
  "use strict";
  const text = document.getElementById("text");
  const similar = document.getElementById("similar");
  if (!text || !similar) {
    return;
  }
  const WAIT_MS = 600;
  let timer = null;
  let asked = 0;

  async function refresh() {
    const mine = ++asked;
    const query = new URLSearchParams({ text: text.value.trim() });
    const response = await fetch(`${similar.dataset.page}?${query}`, {
      credentials: "same-origin",
      headers: { Accept: "text/html" },
    });
    // An answer to an earlier question, or a failed one, changes nothing.
    if (mine !== asked || !response.ok) {
      return;
    }
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const fresh = page.getElementById("similar");
    if (fresh) {
      similar.replaceChildren(...fresh.childNodes);
    }
  }

  text.addEventListener("input", () => {
    clearTimeout(timer);
    if (text.value.trim()) {
      timer = setTimeout(refresh, WAIT_MS);
    }
  });
})();
