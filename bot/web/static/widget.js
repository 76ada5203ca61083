/*
 * Service Coach chat widget. Put it on any page with one line:
 *   <script src="https://coach.example.com/static/widget.js"
 *           data-rasa-url="https://rasa.example.com"></script>
 * Optional: data-target="#element" (otherwise it appends itself to <body>),
 * data-socketio-src (defaults to the web app's /vendor/socket.io.min.js),
 * data-fill="true" (the chat fills its element's height: the practice page),
 * data-change-name="false" (no "Change name" button: when the page signs employees in).
 * Signed-in practice (EMPLOYEE_AUTH links or oidc): data-token-url (the practice page uses
 * /auth/widget-token; asked again at every connect) or data-token (a token the embedding page
 * minted): the conversation is then the token's employee, and no name is asked for.
 *
 * Everything shown is built with textContent, never innerHTML, so nothing a user or the
 * bot writes can become markup. The words for skills, flags and outcomes come with each
 * payload (`labels`, `outcome_label`, from data/coaching/rubric.yml): the widget only renders.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var CONFIG = {
    rasaUrl: script.dataset.rasaUrl,
    target: script.dataset.target,
    socketioSrc: script.dataset.socketioSrc || new URL("../vendor/socket.io.min.js", script.src).href,
    fill: script.dataset.fill === "true",
    changeName: script.dataset.changeName !== "false",
    tokenUrl: script.dataset.tokenUrl,
    token: script.dataset.token,
  };
  var GREETING = "/greet";  // sent unseen when a conversation opens empty
  var PREFIX = "serviceCoach.";
  var MAX_LOG = 400;
  var TYPING_TIMEOUT_MS = 15000;

  // --- small helpers -------------------------------------------------------------------

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function load(key, fallback) {
    try {
      var raw = window.localStorage.getItem(PREFIX + key);
      return raw === null ? fallback : JSON.parse(raw);
    } catch (e) {
      return fallback;
    }
  }

  function save(key, value) {
    try {
      window.localStorage.setItem(PREFIX + key, JSON.stringify(value));
    } catch (e) { /* storage full or blocked: the conversation still works */ }
  }

  function cleanId(value) {
    var id = String(value || "").trim().replace(/\s+/g, " ");
    return /^[\w .@-]{1,64}$/.test(id) ? id : null;
  }

  // A payload's label for a skill or flag id; a card replayed from an older log has none.
  function skillName(labels, name) {
    return (labels && labels[name]) || String(name).replace(/_/g, " ");
  }

  function clock(at) {
    if (!at) return "";
    return new Date(at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  }

  // Who said it and when, above each message: "Jordan (customer) · 10:42".
  function meta(speaker, at, className) {
    var line = el("p", className ? "coach-meta " + className : "coach-meta");
    line.append(el("span", "coach-speaker", speaker));
    if (at) {
      var time = el("time", "coach-time", clock(at));
      time.dateTime = new Date(at).toISOString();
      line.append(document.createTextNode(" \u00b7 "), time);
    }
    return line;
  }

  function percent(value) {
    var n = Number(value);
    return isFinite(n) ? Math.max(0, Math.min(100, Math.round(n))) : 0;
  }

  // --- who is practising ---------------------------------------------------------------

  function employeeFromLink() {
    return cleanId(new URLSearchParams(window.location.search).get("employee"));
  }

  function askForName(root, done) {
    var form = el("form", "coach-signin");
    var label = el("label", null, "Your name or employee id");
    var input = el("input");
    var button = el("button", "coach-button", "Start practising");
    var error = el("p", "coach-error");
    label.htmlFor = input.id = "coach-employee";
    input.autocomplete = "username";
    input.required = true;
    button.type = "submit";
    error.setAttribute("role", "alert");
    form.append(label, input, button, error);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var id = cleanId(input.value);
      if (!id) {
        error.textContent = "Use up to 64 letters, digits, spaces, dots, @ or dashes.";
        return;
      }
      form.remove();
      done(id);
    });
    root.append(form);
    input.focus();
  }

  // A widget token's employee (its subject); the server checks the token, this only reads it.
  function subjectOf(token) {
    try {
      var part = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
      return JSON.parse(window.atob(part)).sub;
    } catch (e) {
      return null;
    }
  }

  // {token, employee} for the signed-in employee, or null when nobody is signed in.
  function fetchToken(done) {
    if (CONFIG.token) return done({ token: CONFIG.token, employee: subjectOf(CONFIG.token) });
    window.fetch(CONFIG.tokenUrl, { credentials: "include", cache: "no-store" })
      .then(function (answer) { return answer.ok ? answer.json() : null; })
      .then(done, function () { done(null); });
  }

  // --- the chat --------------------------------------------------------------------------

  function Chat(root, employee, onChangeName) {
    this.employee = employee;
    this.onChangeName = onChangeName;
    this.online = false;
    this.socket = null;
    this.typingTimer = null;
    this.greeted = false;  // the unseen greeting asked for once
    this.customer = null;  // the role-played customer's name while a role-play runs
    this.maxTurns = 0;
    this.build(root);
    this.replay();
  }

  Chat.prototype.build = function (root) {
    var self = this;
    this.box = el("section", "coach");
    this.box.setAttribute("aria-label", "Service Coach chat");
    var header = el("header", "coach-header");
    var who = el("span", "coach-who-line");
    who.append(el("span", "coach-who", "Practising as " + this.employee));
    if (CONFIG.changeName && this.onChangeName) {
      var change = el("button", "coach-link", "Change name");
      change.type = "button";
      change.addEventListener("click", function () { self.close(); self.onChangeName(); });
      who.append(change);
    }
    header.append(el("strong", null, "Service Coach"), who);
    this.mood = el("div", "coach-mood");
    this.mood.setAttribute("role", "meter");
    this.mood.setAttribute("aria-valuemin", "0");
    this.mood.setAttribute("aria-valuemax", "100");
    this.mood.hidden = true;
    this.status = el("p", "coach-status", "Connecting…");
    this.status.setAttribute("role", "status");
    this.log = el("div", "coach-log");
    this.log.setAttribute("role", "log");
    this.log.setAttribute("aria-live", "polite");
    this.log.setAttribute("aria-label", "Conversation");
    this.log.tabIndex = 0;
    this.typing = el("p", "coach-typing", "Coach is typing…");
    this.typing.setAttribute("role", "status");
    this.typing.hidden = true;
    this.controls = el("div", "coach-controls");
    this.controls.hidden = true;
    this.turns = el("span", "coach-turns");
    this.turns.setAttribute("aria-live", "polite");
    this.controls.append(
      this.turns,
      this.actionButton("Hint", "/hint"),
      this.actionButton("Stop role-play", "/stop_roleplay")
    );
    var form = el("form", "coach-form");
    var label = el("label", "coach-visually-hidden", "Your message");
    this.input = el("input", "coach-input");
    this.input.id = "coach-message";
    label.htmlFor = this.input.id;
    this.input.autocomplete = "off";
    this.input.placeholder = "Type a message…";
    this.input.maxLength = 5000;
    var send = el("button", "coach-button", "Send");
    send.type = "submit";
    form.append(label, this.input, send);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = self.input.value.trim();
      if (!text) return;
      self.input.value = "";
      self.send(text, text);
    });
    this.box.append(header, this.mood, this.status, this.log, this.typing, this.controls, form);
    if (CONFIG.fill) this.box.classList.add("coach--fill");
    root.append(this.box);
    this.input.focus();
  };

  // Leaving (to change name): the socket closes and the chat goes; the log stays stored.
  Chat.prototype.close = function () {
    if (this.socket) this.socket.close();
    this.socket = null;
    this.box.remove();
  };

  // During a role-play: whose reply it is and how many are left.
  Chat.prototype.playing = function (customer, maxTurns, replied) {
    this.customer = customer;
    this.maxTurns = maxTurns || this.maxTurns;
    this.controls.hidden = !customer;
    this.input.placeholder = customer ? "Your reply to " + customer + "…" : "Type a message…";
    this.turns.textContent = customer && this.maxTurns
      ? "Reply " + Math.min(replied + 1, this.maxTurns) + " of " + this.maxTurns : "";
  };

  Chat.prototype.actionButton = function (title, payload) {
    var self = this;
    var button = el("button", "coach-button coach-button--quiet", title);
    button.type = "button";
    button.addEventListener("click", function () { self.send(payload, title); });
    return button;
  };

  // --- connection --------------------------------------------------------------------

  Chat.prototype.connect = function () {
    var self = this;
    var options = { transports: ["websocket", "polling"], reconnectionDelayMax: 5000 };
    if (this.signed) {
      options.auth = function (give) {
        fetchToken(function (answer) { give({ token: answer ? answer.token : "" }); });
      };
    }
    var socket = window.io(CONFIG.rasaUrl, options);
    this.socket = socket;
    socket.on("connect", function () {
      socket.emit("session_request", { session_id: self.employee });
    });
    socket.on("session_confirm", function () {
      self.setOnline(true);
      self.flush();
      self.greetIfNew();
    });
    socket.on("disconnect", function () { self.setOnline(false); });
    socket.on("connect_error", function () {
      self.setOnline(false);
      if (self.signed && !socket.active) self.signedOut();
    });
    socket.on("session_refused", function () { self.signedOut(); });
    socket.on("bot_uttered", function (message) {
      self.stopTyping();
      self.remember({ from: "bot", message: message });
    });
  };

  // A new conversation opens with the coach's greeting, its buttons and any assignments,
  // not an empty box: the greeting is asked for unseen, once.
  Chat.prototype.greetIfNew = function () {
    if (this.log.childElementCount || load("outbox." + this.employee, []).length) return;
    if (this.greeted) return;
    this.greeted = true;
    this.socket.emit("user_uttered", { message: GREETING, session_id: this.employee });
    this.startTyping();
  };

  Chat.prototype.setOnline = function (online) {
    this.online = online;
    this.box.classList.toggle("coach--offline", !online);
    this.status.textContent = online
      ? ""
      : "Offline, reconnecting… Anything you type is kept and sent when the connection is back.";
  };

  Chat.prototype.signedOut = function () {
    this.status.textContent = "Your sign-in has expired or is not valid here. Reload the page to sign in again; anything you typed is kept.";
  };

  Chat.prototype.send = function (payload, shown) {
    this.remember({ from: "user", text: shown });
    var outbox = load("outbox." + this.employee, []);
    outbox.push(payload);
    save("outbox." + this.employee, outbox);
    this.flush();
  };

  Chat.prototype.flush = function () {
    if (!this.online || !this.socket) return;
    var outbox = load("outbox." + this.employee, []);
    save("outbox." + this.employee, []);
    for (var i = 0; i < outbox.length; i++) {
      this.socket.emit("user_uttered", { message: outbox[i], session_id: this.employee });
      this.startTyping();
    }
  };

  Chat.prototype.startTyping = function () {
    var self = this;
    this.typing.hidden = false;
    clearTimeout(this.typingTimer);
    this.typingTimer = setTimeout(function () { self.typing.hidden = true; }, TYPING_TIMEOUT_MS);
  };

  Chat.prototype.stopTyping = function () {
    clearTimeout(this.typingTimer);
    this.typing.hidden = true;
  };

  // --- the transcript ----------------------------------------------------------------

  Chat.prototype.remember = function (entry) {
    entry.at = Date.now();
    var entries = load("log." + this.employee, []);
    entries.push(entry);
    save("log." + this.employee, entries.slice(-MAX_LOG));
    this.render(entry);
  };

  Chat.prototype.replay = function () {
    var entries = load("log." + this.employee, []);
    for (var i = 0; i < entries.length; i++) this.render(entries[i]);
  };

  Chat.prototype.render = function (entry) {
    var node;
    if (entry.from === "user") {
      this.retireChoices();
      node = el("div", "coach-msg coach-msg--user");
      node.append(meta("You", entry.at), el("p", "coach-text", entry.text));
    } else if (entry.message && entry.message.custom) {
      if (entry.message.custom.replaces_text) this.dropTextVersion();
      node = this.card(entry.message.custom);
      if (node) node.prepend(meta("Coach", entry.at));
    } else {
      node = this.botText(entry.message || {}, entry.at);
    }
    if (node) {
      this.log.append(node);
      // A long message (the picker) is read from its top, where the difficulty is chosen.
      var top = node.offsetTop - this.log.offsetTop;
      this.log.scrollTop = node.querySelector(".coach-picker") ? top : this.log.scrollHeight;
    }
  };

  // Buttons answer the message they came with: once the employee has said anything since,
  // they no longer apply, and a click on one would start something nobody asked for.
  Chat.prototype.retireChoices = function () {
    var live = this.log.querySelectorAll(".coach-choices button:not([disabled]), .coach-picker button:not([disabled]), .coach-picker input:not([disabled])");
    for (var i = 0; i < live.length; i++) live[i].disabled = true;
  };

  // A card that restates the text just before it (for text-only channels) replaces it.
  Chat.prototype.dropTextVersion = function () {
    var last = this.log.lastElementChild;
    if (last && last.classList.contains("coach-msg--bot") && !last.querySelector(".coach-choices")) {
      last.remove();
    }
  };

  Chat.prototype.botText = function (message, at) {
    var text = String(message.text || "");
    var replies = message.quick_replies || message.buttons || [];
    var prefix = this.customer ? this.customer + ": " : null;
    var fromCustomer = prefix && text.indexOf(prefix) === 0;
    var wrap = el("div", "coach-msg coach-msg--bot" + (fromCustomer ? " coach-msg--customer" : ""));
    wrap.append(meta(fromCustomer ? this.customer + " (customer)" : "Coach", at));
    if (fromCustomer) text = text.slice(prefix.length);
    var lines = text ? text.split("\n") : [];
    for (var i = 0; i < lines.length; i++) wrap.append(el("p", "coach-text", lines[i]));
    if (isPicker(replies)) wrap.append(this.picker(replies));
    else if (replies.length) wrap.append(this.choices(replies));
    return wrap;
  };

  // A button once clicked is disabled with its group, the chosen one marked.
  Chat.prototype.choose = function (group, button, payload, shown) {
    var buttons = group.querySelectorAll("button, input");
    for (var i = 0; i < buttons.length; i++) buttons[i].disabled = true;
    if (button) button.classList.add("coach-button--chosen");
    this.send(payload, shown);
  };

  Chat.prototype.choices = function (replies) {
    var self = this;
    var group = el("div", "coach-choices");
    group.setAttribute("role", "group");
    replies.forEach(function (reply) {
      var button = el("button", "coach-button coach-button--choice", reply.title);
      button.type = "button";
      button.addEventListener("click", function () {
        self.choose(group, button, reply.payload, reply.title);
      });
      group.append(button);
    });
    return group;
  };

  function isPicker(replies) {
    return replies.length > 1 && replies.every(function (r) { return r.picker && r.picker.by_difficulty; });
  }

  // The scenario picker: the difficulty first, then each customer with a one-line summary,
  // grouped by the essay they come from, and "Surprise me".
  Chat.prototype.picker = function (replies) {
    var self = this;
    var box = el("div", "coach-picker");
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", "Choose a customer");
    var levels = Object.keys(replies[0].picker.by_difficulty);
    var chosen = replies[0].picker.chosen || levels[0];
    var fieldset = el("fieldset", "coach-levels");
    fieldset.append(el("legend", null, "Difficulty"));
    var name = "coach-level-" + Math.random().toString(36).slice(2, 8);
    levels.forEach(function (level) {
      var label = el("label", "coach-level");
      var radio = el("input");
      radio.type = "radio";
      radio.name = name;
      radio.value = level;
      radio.checked = level === chosen;
      label.append(radio, document.createTextNode(" " + level));
      fieldset.append(label);
    });
    box.append(fieldset);
    function level() {
      var checked = fieldset.querySelector("input:checked");
      return checked ? checked.value : chosen;
    }
    function pick(reply, button) {
      var at = level();
      self.choose(box, button, reply.picker.by_difficulty[at] || reply.payload, reply.title + " (" + at + ")");
    }
    var groups = {};
    replies.forEach(function (reply) {
      var p = reply.picker;
      if (!p.summary) return;
      if (!groups[p.group]) {
        groups[p.group] = el("ul", "coach-picker__list");
        var heading = el("h4", "coach-picker__group", "From \u201c" + p.group + "\u201d");
        heading.title = p.source || "";
        box.append(heading, groups[p.group]);
      }
      var button = el("button", "coach-pick");
      button.type = "button";
      button.append(el("span", "coach-pick__title", reply.title), el("span", "coach-pick__summary", p.summary));
      button.addEventListener("click", function () { pick(reply, button); });
      var item = el("li");
      item.append(button);
      groups[p.group].append(item);
    });
    replies.filter(function (r) { return !r.picker.summary; }).forEach(function (reply) {
      var button = el("button", "coach-button coach-button--choice", reply.title);
      button.type = "button";
      button.addEventListener("click", function () { pick(reply, button); });
      box.append(button);
    });
    return box;
  };

  // --- cards for the custom payloads ---------------------------------------------------

  Chat.prototype.card = function (payload) {
    switch (payload.type) {
      case "roleplay_start": return this.startCard(payload);
      case "reply_feedback": return this.feedbackCard(payload);
      case "debrief": return this.debriefCard(payload);
      case "anecdote": return this.storyCard(payload);
      case "tip": return this.tipCard(payload);
      case "progress": return this.progressCard(payload);
      default: return null;
    }
  };

  Chat.prototype.showMood = function (value, label) {
    var mood = percent(value);
    this.mood.hidden = false;
    this.mood.textContent = "";
    this.mood.setAttribute("aria-valuenow", String(mood));
    this.mood.setAttribute("aria-valuetext", "Customer mood " + mood + " of 100, " + (label || ""));
    var bar = el("span", "coach-mood__bar");
    var fill = el("span", "coach-mood__fill");
    fill.style.width = mood + "%";
    fill.dataset.level = mood < 35 ? "low" : mood < 65 ? "mid" : "high";
    bar.append(fill);
    this.mood.append(el("span", "coach-mood__label", "Customer mood: " + (label || mood)), bar);
  };

  Chat.prototype.startCard = function (p) {
    var card = el("article", "coach-card coach-card--start");
    card.append(
      el("h3", null, "Role-play: " + p.title + " (" + p.difficulty + ")"),
      el("p", null, "You are serving " + p.customer + ". " + p.situation),
      el("p", "coach-card__aside", "Reply as you would on the floor. Hint and Stop are below the chat.")
    );
    this.playing(p.customer, p.max_turns, 0);
    this.showMood(p.mood, p.mood_label);
    return card;
  };

  Chat.prototype.chips = function (names, labels, className) {
    var list = el("ul", "coach-chips");
    (names || []).forEach(function (name) {
      list.append(el("li", "coach-chip " + (className || ""), skillName(labels, name)));
    });
    return list;
  };

  Chat.prototype.feedbackCard = function (p) {
    var card = el("article", "coach-card coach-card--feedback");
    card.setAttribute("aria-label", "Score for your reply " + p.turn);
    var of = p.max_turns ? " of " + p.max_turns : "";
    card.append(el("p", "coach-score", "Reply " + p.turn + of + ": " + percent(p.score) + "/100"));
    if (this.customer) this.playing(this.customer, p.max_turns, p.turn);
    if (p.skills && p.skills.length) card.append(this.chips(p.skills, p.labels));
    if (p.flags && p.flags.length) card.append(this.chips(p.flags, p.labels, "coach-chip--flag"));
    var shown = evidenceBlock(p.reply, p.evidence, p.labels);
    if (shown) card.append(shown);
    card.append(el("p", "coach-tip", "Tip: " + p.tip));
    this.showMood(p.mood, p.mood_label);
    return card;
  };

  // The reply with the words that showed each skill or flag marked. Spans are character
  // offsets into `reply`; pieces are cut at every span edge, so overlapping skills both show,
  // and every piece is text (textContent), never HTML from the reply.
  function evidenceBlock(reply, evidence, labels) {
    var text = typeof reply === "string" ? reply : "";
    var spans = [];
    Object.keys(evidence || {}).forEach(function (name) {
      (evidence[name] || []).forEach(function (span) {
        var start = Number(span.start), end = Number(span.end);
        if (start >= 0 && start < end && end <= text.length) {
          spans.push({ start: start, end: end, name: name });
        }
      });
    });
    if (!spans.length) return null;
    var cuts = [0, text.length];
    spans.forEach(function (s) { cuts.push(s.start, s.end); });
    cuts = cuts.filter(function (c, i) { return cuts.indexOf(c) === i; })
      .sort(function (a, b) { return a - b; });
    var block = el("p", "coach-evidence");
    block.setAttribute("aria-label", "What showed it");
    for (var i = 0; i + 1 < cuts.length; i++) {
      block.append(evidencePiece(text, cuts[i], cuts[i + 1], spans, labels));
    }
    return block;
  }

  function evidencePiece(text, start, end, spans, labels) {
    var piece = text.slice(start, end);
    var covering = spans.filter(function (s) { return s.start <= start && end <= s.end; });
    if (!covering.length) return document.createTextNode(piece);
    var names = covering.map(function (s) { return skillName(labels, s.name); });
    var fragment = document.createDocumentFragment();
    var mark = el("mark", "coach-mark", piece);
    mark.title = names.filter(function (n, i) { return names.indexOf(n) === i; }).join(", ");
    fragment.append(mark);
    spans.forEach(function (s) {
      if (s.end === end) fragment.append(el("small", "coach-mark-label", skillName(labels, s.name)));
    });
    return fragment;
  }

  Chat.prototype.debriefCard = function (p) {
    var card = el("article", "coach-card coach-card--debrief");
    card.append(el("h3", null, "Debrief: " + (p.outcome_label || String(p.outcome).replace(/_/g, " "))));
    if (p.counted === false) {
      card.append(el("p", "coach-note coach-note--main", p.score_note));
    } else {
      card.append(el("p", "coach-score", "Overall " + percent(p.score) + "/100"));
      if (p.score_note) card.append(el("p", "coach-note", p.score_note));
      card.append(skillBars(p.skills, p.previous ? p.previous.skills : null, p.labels, p.skill_replies));
    }
    if (p.previous) {
      var change = p.previous.change;
      card.append(el("p", "coach-previous", "Last time at this scenario: " +
        percent(p.previous.score) + "/100 (" + (change > 0 ? "+" : "") + change + " now)"));
    }
    if (p.counted !== false && p.needs && p.needs.length) card.append(needsChecklist(p.needs));
    if (p.best_reply) card.append(el("p", null, "Best reply: \u201c" + p.best_reply + "\u201d"));
    if (p.weakest_reply) card.append(el("p", null, "Weakest reply: \u201c" + p.weakest_reply + "\u201d"));
    card.append(el("p", null, "A model answer: \u201c" + p.model_answer + "\u201d"));
    if (p.anecdote) card.append(this.storyBlock(p.anecdote));
    this.playing(null, 0, 0);
    this.mood.hidden = true;
    return card;
  };

  // What the customer needed, each met (at which reply) or missed.
  function needsChecklist(needs) {
    var box = el("div", "coach-needs");
    box.append(el("h4", null, "What the customer needed"));
    var list = el("ul");
    needs.forEach(function (need) {
      var item = el("li", need.met ? "coach-need coach-need--met" : "coach-need coach-need--missed",
        (need.met ? "\u2713 " : "\u2717 ") + need.label +
        (need.met ? " (reply " + need.turn + ")" : " (missed)"));
      list.append(item);
    });
    box.append(list);
    return box;
  }

  // A small chart: one bar per skill, its value, and its change (rising green, falling red)
  // in a column every row keeps, so the bars all line up. `shown` ({skill: [n, of]}) says
  // how many replies showed each skill.
  function skillBars(skills, trend, labels, shown) {
    var bars = el("dl", "coach-bars");
    Object.keys(skills || {}).forEach(function (name) {
      var value = percent(skills[name]);
      var bar = el("span", "coach-bar");
      var fill = el("span", "coach-bar__fill");
      fill.style.width = value + "%";
      bar.append(fill);
      bar.setAttribute("role", "img");
      var pair = shown && shown[name];
      var count = pair ? ", " + pair[0] + " of " + pair[1] + (pair[1] === 1 ? " reply" : " replies") : "";
      bar.setAttribute("aria-label", skillName(labels, name) + " " + value + " of 100" + count);
      if (count) bar.title = count.slice(2);
      var dd = el("dd");
      var delta = Number(trend ? trend[name] : 0) || 0;
      var change = el("span", "coach-bar__trend", delta ? (delta > 0 ? "+" : "\u2212") + Math.abs(delta) : "");
      change.dataset.direction = delta > 0 ? "up" : delta < 0 ? "down" : "flat";
      if (delta) change.setAttribute("aria-label", (delta > 0 ? "up " : "down ") + Math.abs(delta));
      dd.append(bar, el("span", "coach-bar__value", String(value)), change);
      bars.append(el("dt", null, skillName(labels, name)), dd);
    });
    return bars;
  }

  Chat.prototype.progressCard = function (p) {
    var card = el("article", "coach-card coach-card--progress");
    card.append(
      el("h3", null, "Your progress"),
      el("p", "coach-score", p.sessions + " role-play" + (p.sessions === 1 ? "" : "s") +
        ", average " + percent(p.score) + "/100"),
      skillBars(p.skills, p.trend, p.labels)
    );
    if (p.weakest) card.append(el("p", null, "Weakest skill: " + skillName(p.labels, p.weakest)));
    if (p.score_note) card.append(el("p", "coach-note", p.score_note));
    return card;
  };

  Chat.prototype.storyBlock = function (story) {
    var block = el("blockquote", "coach-story");
    block.append(el("p", "coach-story__title", story.title), el("p", null, story.text));
    if (story.lesson) block.append(el("p", "coach-story__lesson", story.lesson));
    // The essay by its title; its file (where the quote can be checked) in the tooltip.
    var cite = el("cite", null, "Source: " + (story.essay ? "\u201c" + story.essay + "\u201d" : story.source));
    cite.title = story.source;
    cite.dataset.source = story.source;
    block.append(cite);
    return block;
  };

  Chat.prototype.storyCard = function (p) {
    var card = el("article", "coach-card coach-card--story");
    card.append(this.storyBlock(p));
    return card;
  };

  Chat.prototype.tipCard = function (p) {
    var card = el("article", "coach-card coach-card--tip");
    card.append(el("p", null, "Tip: " + p.text), this.chips(p.skills, p.labels));
    return card;
  };

  // --- start -----------------------------------------------------------------------------

  function loadSocketIo(done) {
    if (window.io) return done();
    var tag = document.createElement("script");
    tag.src = CONFIG.socketioSrc;
    tag.onload = done;
    document.head.append(tag);
  }

  // Signing out on a shared computer leaves nothing of the conversation in the browser.
  function forgetOnSignOut(employee) {
    document.querySelectorAll("form.coach-signed-in").forEach(function (form) {
      form.addEventListener("submit", function () {
        ["log.", "outbox."].forEach(function (key) {
          try { window.localStorage.removeItem(PREFIX + key + employee); } catch (e) { /* blocked */ }
        });
      });
    });
  }

  function start() {
    var root = CONFIG.target ? document.querySelector(CONFIG.target) : null;
    if (!root) {
      root = el("div", "coach-floating");
      document.body.append(root);
    }
    function open(employee, signed) {
      if (!signed) save("employee", employee);
      else forgetOnSignOut(employee);
      var chat = new Chat(root, employee, signed ? null : changeName);
      chat.signed = Boolean(signed);
      loadSocketIo(function () { chat.connect(); });
    }
    function changeName() {
      save("employee", null);
      var link = new URL(window.location.href);
      if (link.searchParams.has("employee")) {
        link.searchParams.delete("employee");
        window.history.replaceState(null, "", link.href);
      }
      askForName(root, open);
    }
    if (CONFIG.tokenUrl || CONFIG.token) {
      fetchToken(function (answer) {
        if (answer && cleanId(answer.employee)) open(answer.employee, true);
        else root.append(el("p", "coach-error", "Sign in to practise, then reload this page."));
      });
      return;
    }
    var employee = employeeFromLink() || cleanId(load("employee", null));
    if (employee) open(employee);
    else askForName(root, open);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
