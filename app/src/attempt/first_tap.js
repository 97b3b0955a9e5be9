// The quiz page's first-tap saver (attempt/first_tap.rs serves it).
//
// The quiz is a real form, answerable as soon as its HTML arrives; the wasm
// that saves each click takes 20 s and more to arrive on a slow mobile network.
// This small plain script arrives with the page and saves every changed
// answer (and the prediction) at once through the same JSON endpoints as the
// wasm, retrying with the same back-off, and keeps what the server has not
// confirmed in the same browser outbox (cho-gui-{attempt}, du-doan-cho-gui-
// {attempt}). When the wasm hydrates it takes over (quiz.rs):
// - it sets data-first-tap-handed-over on the form: from then on this script
//   sends nothing new and writes no storage; the outbox is the wasm's;
// - it reads data-first-tap-saved ("question:option,…"), what the server
//   confirmed here, so those are not sent again;
// - it sends nothing while data-first-tap-sending is above 0, so that a
//   save of this script still on the wire is never overtaken by a newer
//   choice of the same question: the last choice wins.
// It only edits text that is already in the page (the text nodes of the save
// marks) and attributes, never the page's structure, so hydration finds the
// page it rendered. It never submits: the server's clock closes the attempt.
(function () {
  'use strict';
  var form = document.querySelector('form.quiz');
  if (!form || form.hasAttribute('data-first-tap-handed-over')) return;
  var idField = form.querySelector('input[name="attempt_id"]');
  var attemptId = idField && /^\d+$/.test(idField.value) ? Number(idField.value) : 0;
  if (!attemptId) return;

  var OUTBOX = 'cho-gui-' + attemptId;
  var PREDICTION_OUTBOX = 'du-doan-cho-gui-' + attemptId;
  var PREDICTION = 'prediction';
  // As in save_queue.rs.
  var FIRST_RETRY_MS = 500;
  var MAX_RETRY_MS = 5000;
  var MAX_RETRY_AFTER_MS = 30000;
  var SEND_TIMEOUT_MS = 15000;
  var MAX_PREDICTION = 100000000;
  var OFFLINE = 'Chưa lưu — chưa gửi được, sẽ tự gửi lại khi có mạng';
  var BUSY = 'Chưa lưu — máy chủ đang bận, đang thử lại…';

  // Slot (a question id, or PREDICTION) → its latest unconfirmed choice.
  var waiting = new Map();
  // Question id → option id the server confirmed here.
  var saved = new Map();
  var sending = 0;

  function handedOver() {
    return form.hasAttribute('data-first-tap-handed-over');
  }

  function questionOf(name) {
    var m = /^answers\[(\d+)\]$/.exec(name || '');
    return m ? m[1] : null;
  }

  // What the prediction field holds: a whole number in range, null otherwise
  // (spaces and grouping dots allowed, as prediction.rs reads it).
  function figure(typed) {
    var digits = String(typed).replace(/[\s.]/g, '');
    if (!/^\d{1,9}$/.test(digits)) return null;
    var n = Number(digits);
    return n <= MAX_PREDICTION ? n : null;
  }

  function storage() {
    try {
      return window.localStorage;
    } catch (e) {
      return null;
    }
  }

  function store() {
    var s = storage();
    if (!s || handedOver()) return;
    var pairs = [];
    var guess = null;
    waiting.forEach(function (w, slot) {
      if (slot === PREDICTION) guess = w.value;
      else pairs.push(slot + ':' + w.value);
    });
    try {
      if (pairs.length) s.setItem(OUTBOX, pairs.join(','));
      else s.removeItem(OUTBOX);
      if (guess !== null) s.setItem(PREDICTION_OUTBOX, String(guess));
      else s.removeItem(PREDICTION_OUTBOX);
    } catch (e) {
      // Storage full or refused: the answers still go on the wire.
    }
  }

  // Writes into the text node the server rendered (a space when empty).
  function setText(el, text) {
    var node = el && el.firstChild;
    if (node && node.nodeType === 3 && !handedOver()) node.data = text || ' ';
  }

  function markOf(slot) {
    if (slot === PREDICTION) return document.getElementById('prediction-state');
    var radio = form.querySelector('input[name="answers[' + slot + ']"]');
    var box = radio && radio.closest('fieldset');
    return box && box.querySelector('.save-state');
  }

  function mark(slot, text, kind) {
    var el = markOf(slot);
    if (!el || handedOver()) return;
    setText(el, text);
    el.className = kind ? 'save-state ' + kind : 'save-state';
  }

  function showSummary() {
    var unsaved = 0;
    waiting.forEach(function (w) {
      if (w.hold) unsaved += 1;
    });
    setText(document.querySelector('.quiz-bar .save-summary'),
      unsaved ? unsaved + ' câu chưa lưu — đang thử lại…' : '');
  }

  function showProgress() {
    var el = document.querySelector('.quiz-bar .progress');
    var node = el && el.firstChild;
    if (!node || node.nodeType !== 3) return;
    var answered = new Set();
    form.querySelectorAll('input[type="radio"]:checked').forEach(function (r) {
      answered.add(r.name);
    });
    setText(el, node.data.replace(/\d+\//, answered.size + '/'));
  }

  function setSending(delta) {
    sending += delta;
    form.setAttribute('data-first-tap-sending', String(sending));
  }

  // Exponential with "equal jitter", never sooner than Retry-After (capped).
  function backoff(tries, afterMs) {
    var step = Math.min(FIRST_RETRY_MS * Math.pow(2, Math.min(tries - 1, 16)), MAX_RETRY_MS);
    var delay = step / 2 + (step / 2) * Math.random();
    return afterMs === null ? delay : Math.max(delay, Math.min(afterMs, MAX_RETRY_AFTER_MS));
  }

  // The reply's meaning, as Verdict::of_reply in save_queue.rs.
  function verdictOf(reply) {
    var status = reply.status;
    if (status >= 200 && status < 300) {
      return reply.json().then(function (body) {
        return body && body.saved === true ? { saved: true } : { hold: 'offline', afterMs: null };
      }, function () {
        return { hold: 'offline', afterMs: null };
      });
    }
    if (status >= 400 && status < 500 && status !== 408 && status !== 429) {
      var fallback = 'Máy chủ không nhận câu trả lời này (mã ' + status + ').';
      return reply.json().then(function (body) {
        return { refused: (body && body.message) || fallback };
      }, function () {
        return { refused: fallback };
      });
    }
    if (status === 408 || status === 429 || status >= 500) {
      var seconds = /^\s*\d+\s*$/.test(reply.headers.get('Retry-After') || '')
        ? Number(reply.headers.get('Retry-After')) * 1000 : null;
      return { hold: 'busy', afterMs: seconds };
    }
    return { hold: 'offline', afterMs: null };
  }

  function send(slot) {
    var w = waiting.get(slot);
    // One save per slot on the wire, so that they land in the order chosen.
    if (!w || w.inFlight || handedOver()) return;
    clearTimeout(w.timer);
    w.inFlight = true;
    var value = w.value;
    var body = slot === PREDICTION
      ? { attempt_id: attemptId, prediction: value }
      : { attempt_id: attemptId, question_id: Number(slot), option_id: value };
    var url = slot === PREDICTION ? '/api/attempts/prediction' : '/api/attempts/answer';
    var abort = typeof AbortController === 'function' ? new AbortController() : null;
    var timeout = setTimeout(function () {
      if (abort) abort.abort();
    }, SEND_TIMEOUT_MS);
    setSending(1);
    fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
      signal: abort ? abort.signal : undefined,
    })
      .then(verdictOf, function () {
        return { hold: 'offline', afterMs: null };
      })
      .then(function (verdict) {
        clearTimeout(timeout);
        w.inFlight = false;
        try {
          settle(slot, w, value, verdict);
        } finally {
          // Last, so that the wasm sends only once this reply is taken in;
          // and always, since the wasm waits while the count is above 0.
          setSending(-1);
        }
      });
  }

  function settle(slot, w, value, verdict) {
    if (handedOver()) return;
    if (waiting.get(slot) !== w) return;
    if (w.value !== value) {
      // Changed while on the wire: the newer choice goes now.
      send(slot);
      return;
    }
    if (verdict.saved || verdict.refused) {
      waiting.delete(slot);
      if (verdict.saved) {
        if (slot !== PREDICTION) {
          saved.set(slot, value);
          var pairs = [];
          saved.forEach(function (o, q) {
            pairs.push(q + ':' + o);
          });
          form.setAttribute('data-first-tap-saved', pairs.join(','));
        }
        mark(slot, 'Đã lưu', 'saved');
      } else {
        mark(slot, 'Không lưu được: ' + verdict.refused, 'problem');
      }
    } else {
      w.tries += 1;
      w.hold = verdict.hold;
      mark(slot, verdict.hold === 'busy' ? BUSY : OFFLINE, 'problem');
      w.timer = setTimeout(function () {
        send(slot);
      }, backoff(w.tries, verdict.afterMs));
    }
    store();
    showSummary();
  }

  function choose(slot, value) {
    if (handedOver()) return;
    var w = waiting.get(slot);
    if (!w) {
      w = { value: value, tries: 0, hold: null, timer: null, inFlight: false };
      waiting.set(slot, w);
    } else {
      w.value = value;
      w.tries = 0;
      w.hold = null;
    }
    store();
    mark(slot, 'Đang lưu…', '');
    showSummary();
    send(slot);
  }

  // Capture: before the wasm's own listener on the radio, so that once it
  // runs it already sees this script's save on the wire.
  form.addEventListener('change', function (ev) {
    var field = ev.target;
    if (handedOver() || !field) return;
    var question = field.type === 'radio' && field.checked ? questionOf(field.name) : null;
    if (question && /^\d+$/.test(field.value)) {
      choose(question, Number(field.value));
      showProgress();
    } else if (field.id === 'prediction') {
      var guess = figure(field.value);
      if (guess !== null) choose(PREDICTION, guess);
    }
  }, true);

  window.addEventListener('online', function () {
    waiting.forEach(function (w, slot) {
      send(slot);
    });
  });

  window.addEventListener('beforeunload', function (ev) {
    if (!handedOver() && waiting.size) {
      ev.preventDefault();
      ev.returnValue = 'Một số câu trả lời chưa được lưu.';
    }
  });

  // What was unconfirmed before this page (an outage, a closed tab), unless
  // the contestant has already chosen again here.
  var s = storage();
  var kept = s ? s.getItem(OUTBOX) || '' : '';
  kept.split(',').forEach(function (pair) {
    var m = /^(\d+):(\d+)$/.exec(pair);
    if (!m) return;
    var radios = form.querySelectorAll('input[name="answers[' + m[1] + ']"]');
    var changedHere = false;
    var target = null;
    radios.forEach(function (r) {
      if (r.checked !== r.defaultChecked) changedHere = true;
      if (r.value === m[2]) target = r;
    });
    if (!target || changedHere) return;
    target.checked = true;
    choose(m[1], Number(m[2]));
  });
  // Ticked before this script ran: what the page shows is the latest choice.
  form.querySelectorAll('input[type="radio"]:checked').forEach(function (r) {
    var question = questionOf(r.name);
    var w = question && waiting.get(question);
    if (question && !r.defaultChecked && !(w && String(w.value) === r.value)) choose(question, Number(r.value));
  });
  var guessField = document.getElementById('prediction');
  if (guessField) {
    var typed = guessField.value !== guessField.defaultValue ? figure(guessField.value) : null;
    var keptGuess = s ? figure(s.getItem(PREDICTION_OUTBOX) || '') : null;
    if (typed !== null) {
      choose(PREDICTION, typed);
    } else if (keptGuess !== null && guessField.value === guessField.defaultValue) {
      guessField.value = String(keptGuess);
      choose(PREDICTION, keptGuess);
    }
  }
  showProgress();
})();
