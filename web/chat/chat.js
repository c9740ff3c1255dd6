/*
 * The web chat page: asks /api/ask with a session token from /chat/session (no API key in the
 * browser), hands unanswered questions to staff with /api/tickets and shows their replies by
 * polling. Every text from the server is put in with textContent, never as HTML.
 */
(function () {
  "use strict";

  // Every text this page shows by itself.
  var T = {
    thinking: "正在查询政策原文…",
    waitingStaff: "已转人工，工作人员回复后会显示在这里。",
    forwarded: "已转给工作人员。",
    sources: "出处：",
    departments: "负责部门：",
    rateLimited: "提问太频繁了，请稍等一会儿再试。",
    unavailable: "服务暂时不可用，请稍后再试。",
    network: "网络连接失败，请检查网络后重试。",
    failed: "抱歉，出了点问题：",
    ended: "人工服务已结束。",
  };
  var STORE_KEY = "karamay-chat";
  var POLL_MS = 4000;
  var ACTIVE = { open: true, claimed: true };

  var log = document.getElementById("log");
  var form = document.getElementById("ask");
  var input = document.getElementById("question");
  var send = document.getElementById("send");
  var endHuman = document.getElementById("end-human");
  var status = document.getElementById("status");

  var state = load();
  var pollTimer = null;

  function load() {
    try {
      return JSON.parse(sessionStorage.getItem(STORE_KEY) || "{}") || {};
    } catch (e) {
      return {};
    }
  }
  function save() {
    try {
      sessionStorage.setItem(STORE_KEY, JSON.stringify(state));
    } catch (e) {
      // Private mode: the chat still works, a reload starts over.
    }
  }

  function add(kind, text, citations) {
    var div = document.createElement("div");
    div.className = "msg " + kind;
    div.textContent = text;
    if (citations && citations.length) {
      var list = document.createElement("ul");
      list.className = "sources";
      list.setAttribute("aria-label", T.sources);
      citations.forEach(function (c) {
        var li = document.createElement("li");
        li.textContent = (c.document ? "《" + c.document.title + "》" : "") + "第" + c.measure + "条 " + c.title + "（" + T.departments + c.departments.join("、") + "）";
        list.appendChild(li);
      });
      div.appendChild(list);
    }
    log.appendChild(div);
    log.scrollTop = log.scrollHeight;
    return div;
  }

  function say(text) {
    status.textContent = text || "";
  }

  function ApiError(message) {
    this.message = message;
  }

  async function session(renew) {
    if (!renew && state.token && state.expiresAt > Date.now() + 60000) return state.token;
    var res = await fetch("session", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    if (res.status === 429) throw new ApiError(T.rateLimited);
    if (!res.ok) throw new ApiError(T.unavailable);
    var body = await res.json();
    state.token = body.token;
    state.expiresAt = Date.parse(body.expires_at);
    save();
    return state.token;
  }

  async function call(method, path, body, retried) {
    var token = await session(false);
    var res;
    try {
      res = await fetch("../api/" + path, {
        method: method,
        headers: { authorization: "Bearer " + token, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (e) {
      throw new ApiError(T.network);
    }
    if (res.status === 401 && !retried) {
      // The session expired (or the server restarted without CHAT_SESSION_SECRET): a new one, once.
      await session(true);
      return call(method, path, body, true);
    }
    if (res.status === 429) throw new ApiError(T.rateLimited);
    if (res.status === 503) throw new ApiError(T.unavailable);
    var json = await res.json().catch(function () {
      return {};
    });
    if (!res.ok) throw new ApiError(T.failed + ((json.error && json.error.message) || res.status));
    return json;
  }

  function ticketActive() {
    return !!state.ticket && ACTIVE[state.ticket.status] === true;
  }

  function showTicketState() {
    endHuman.hidden = !ticketActive();
  }

  async function openTicket(question) {
    var opened = await call("POST", "tickets", { question: question });
    state.ticket = { id: opened.ticket.id, status: opened.ticket.status, after: 0 };
    save();
    say(T.waitingStaff);
    showTicketState();
    startPolling();
    await poll();
  }

  async function ask(question) {
    add("mine", question);
    say(T.thinking);
    if (ticketActive()) {
      // While a person handles the ticket, what the asker writes goes to them.
      await call("POST", "tickets", { question: question });
      say(T.forwarded);
      return;
    }
    var answer = await call("POST", "ask", { question: question });
    add("bot", answer.text, answer.citations);
    say("");
    if (answer.outcome === "handoff" && answer.handoff_reason !== "unclear") {
      // "转人工" right after a question: the earlier question is what staff need.
      var forStaff = answer.handoff_reason === "asked-for-person" && state.lastQuestion ? state.lastQuestion + "\n（" + question + "）" : question;
      await openTicket(forStaff);
    }
    if (answer.outcome !== "smalltalk" && answer.handoff_reason !== "asked-for-person") {
      state.lastQuestion = question;
      save();
    }
  }

  async function poll() {
    if (!state.ticket) return;
    var t = state.ticket;
    var got = await call("GET", "tickets/" + t.id + "/messages?after=" + t.after);
    got.messages.forEach(function (m) {
      add("staff", m.text);
      t.after = m.id;
    });
    t.status = got.ticket.status;
    save();
    showTicketState();
    if (t.status === "closed") {
      // Confirm the last messages, then stop.
      if (got.messages.length) await call("GET", "tickets/" + t.id + "/messages?after=" + t.after);
      state.ticket = null;
      save();
      stopPolling();
      showTicketState();
    }
  }

  function startPolling() {
    if (pollTimer) return;
    pollTimer = setInterval(function () {
      poll().catch(function (e) {
        say(e instanceof ApiError ? e.message : T.network);
      });
    }, POLL_MS);
  }
  function stopPolling() {
    if (pollTimer) clearInterval(pollTimer);
    pollTimer = null;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var question = input.value.trim();
    if (!question) return;
    input.value = "";
    send.disabled = true;
    ask(question)
      .catch(function (e) {
        add("error", e instanceof ApiError ? e.message : T.network);
        say("");
      })
      .then(function () {
        send.disabled = false;
        input.focus();
      });
  });

  input.addEventListener("keydown", function (event) {
    // Enter sends, Shift+Enter starts a new line.
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  endHuman.addEventListener("click", function () {
    if (!state.ticket) return;
    endHuman.disabled = true;
    call("DELETE", "tickets/" + state.ticket.id)
      .then(function () {
        say(T.ended);
        return poll();
      })
      .catch(function (e) {
        add("error", e instanceof ApiError ? e.message : T.network);
      })
      .then(function () {
        endHuman.disabled = false;
      });
  });

  showTicketState();
  if (state.ticket) {
    startPolling();
    poll().catch(function () {});
  }
})();
