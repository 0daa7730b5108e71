/* Signaal workspace: live due clocks, keyboard shortcuts, small conveniences. No build step.
 * Everything here is an enhancement: the pages work without it. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  var labelsEl = document.getElementById("ui-labels");
  var labels = labelsEl ? JSON.parse(labelsEl.textContent) : {};
  // The server's clock decides what is overdue; correct for a browser clock that is off.
  var serverNow = Date.parse(document.body.dataset.serverNow || "");
  var skew = isNaN(serverNow) ? 0 : serverNow - Date.now();
  var SOON = 15 * 60;
  var ANNOUNCE_EVERY = 5 * 60 * 1000;

  function fill(pattern, values) {
    return String(pattern || "").replace(/%\((\w+)\)(02d|d|s)/g, function (m, name, kind) {
      if (!(name in values)) return m;
      var v = String(values[name]);
      return kind === "02d" ? v.padStart(2, "0") : v;
    });
  }

  function amount(total) {
    if (total < 3600) return Math.floor(total / 60) + ":" + String(total % 60).padStart(2, "0");
    if (total < 86400) {
      return fill(labels.hours, { h: Math.floor(total / 3600), m: Math.floor((total % 3600) / 60) });
    }
    return fill(labels.days, { d: Math.floor(total / 86400), h: Math.floor((total % 86400) / 3600) });
  }

  // What a screen reader hears: minutes, not seconds.
  function coarse(total) {
    return total < 3600 ? fill(labels.minutes, { m: Math.floor(total / 60) }) : amount(total);
  }

  function tick() {
    var now = Date.now() + skew;
    var clocks = document.querySelectorAll("[data-due]");
    for (var i = 0; i < clocks.length; i++) {
      var el = clocks[i];
      var due = Date.parse(el.dataset.due);
      if (isNaN(due)) continue;
      var seconds = (due - now) / 1000;
      var total = Math.floor(Math.abs(seconds));
      var pattern = seconds >= 0 ? labels.left : labels.overdue;
      var state = seconds < 0 ? "overdue" : seconds < SOON ? "soon" : "ok";
      el.textContent = fill(pattern, { time: amount(total) });
      el.classList.toggle("clock-overdue", state === "overdue");
      el.classList.toggle("clock-soon", state === "soon");
      el.classList.toggle("clock-ok", state === "ok");
      if (el.dataset.live) announce(el, state, fill(pattern, { time: coarse(total) }));
    }
  }

  // The live region speaks when the clock changes state, and otherwise every few minutes:
  // a region that changes every second would drown out everything else.
  function announce(el, state, text) {
    var live = document.getElementById(el.dataset.live);
    if (!live) return;
    var last = Number(el.dataset.announcedAt || 0);
    if (el.dataset.announcedState !== state || Date.now() - last >= ANNOUNCE_EVERY) {
      live.textContent = text;
      el.dataset.announcedState = state;
      el.dataset.announcedAt = String(Date.now());
    }
  }

  tick();
  window.setInterval(tick, 1000);

  // --- keyboard shortcuts (documented in the footer) ------------------------------------------
  function typingIn(target) {
    return target && target.closest && target.closest("input, textarea, select, [contenteditable]");
  }

  function moveInQueue(step) {
    var links = Array.prototype.slice.call(document.querySelectorAll("[data-queue-link]"));
    if (!links.length) return;
    var index = links.indexOf(document.activeElement);
    var next = index === -1 ? (step > 0 ? 0 : links.length - 1) : index + step;
    next = Math.max(0, Math.min(links.length - 1, next));
    links[next].focus();
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (typingIn(target)) {
      if (event.key === "Escape") target.blur();
      return;
    }
    var focus = null;
    switch (event.key) {
      case "/":
        focus = document.querySelector("#queue-filters select, #queue-filters input");
        break;
      case "r":
        focus = document.getElementById("reply-text");
        break;
      case "j":
        moveInQueue(1);
        event.preventDefault();
        return;
      case "k":
        moveInQueue(-1);
        event.preventDefault();
        return;
      case "q":
        var brand = document.querySelector(".brand");
        if (brand) window.location.href = brand.getAttribute("href");
        return;
      case "?":
        var help = document.getElementById("shortcuts");
        if (help) {
          help.open = !help.open;
          help.querySelector("summary").focus();
        }
        return;
      default:
        return;
    }
    if (focus) {
      event.preventDefault();
      focus.focus();
    }
  });

  // --- small conveniences ---------------------------------------------------------------------
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el.matches && el.matches("select[data-autosubmit]") && el.form) el.form.requestSubmit();
  });

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-open-close]");
    if (!link) return;
    var details = document.querySelector("#close details");
    if (!details) return;
    event.preventDefault();
    details.open = true;
    details.scrollIntoView({ block: "start" });
    // The form starts with hidden inputs (CSRF token, language), which cannot take the focus.
    var first = details.querySelector("select, textarea, input:not([type=hidden])");
    if (first) first.focus();
  });

  // Closing the case would lose a reply still in the composer: ask first.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.closest || !form.closest("#close")) return;
    var reply = document.getElementById("reply-text");
    if (reply && reply.value.trim() && !window.confirm(labels.unsent)) {
      event.preventDefault();
      reply.focus();
    }
  });

  // The language advice is a live region: a screen reader reads it out on every change. The
  // check runs as the agent types; swap (and so announce) only when the advice is different.
  document.body.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail.target;
    if (!target || target.id !== "lexicon-hints" || !event.detail.xhr) return;
    var incoming = String(event.detail.serverResponse || "").replace(/\s+/g, " ").trim();
    if (incoming === (target.dataset.advice || "")) event.detail.shouldSwap = false;
    else target.dataset.advice = incoming;
  });

  // "Show the whole conversation" replaces the link with the turns it stood for: the keyboard
  // focus goes to the first of them, not back to the top of the page.
  document.body.addEventListener("htmx:afterSwap", function (event) {
    var elt = event.detail.requestConfig && event.detail.requestConfig.elt;
    var id = elt && elt.dataset ? elt.dataset.focus : "";
    var turn = id ? document.getElementById(id) : null;
    if (!turn) return;
    turn.setAttribute("tabindex", "-1");
    turn.focus();
  });

  // htmx does not swap error responses: say so instead of doing nothing.
  function showError(text) {
    var box = document.getElementById("messages");
    if (!box) return;
    var div = document.createElement("div");
    div.className = "message message-error";
    div.setAttribute("role", "alert");
    div.textContent = text;
    box.replaceChildren(div);
  }
  document.body.addEventListener("htmx:responseError", function () { showError(labels.error); });
  document.body.addEventListener("htmx:sendError", function () { showError(labels.offline); });
})();
