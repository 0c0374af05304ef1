// The anti-abuse proof-of-work of the public forms (gongkai/agencies/challenge.py, ALTCHA's
// protocol). Nothing is asked of the person: when they start filling in the form, a challenge
// is fetched from the site itself and solved in a worker (challenge-worker.js); the solution goes
// into the hidden field "challenge". Submitting before it is ready waits for it, with a message
// in a live region for screen readers. No inline script anywhere (CSP script-src 'self').
(function () {
  "use strict";
  var box = document.querySelector("[data-challenge-url]");
  if (!box || !window.Worker || !window.fetch) return;
  var form = box.closest("form");
  var field = box.querySelector("input[name=challenge]");
  var status = box.querySelector("[data-challenge-status]");
  var running = null; // the solving in progress: a Promise of the payload
  var goodUntil = 0; // ms: a solution is refreshed a minute before its challenge expires
  var waiting = false;

  function work(challenge) {
    return new Promise(function (resolve, reject) {
      var worker = new Worker(box.getAttribute("data-challenge-worker"));
      worker.onmessage = function (event) {
        worker.terminate();
        if (event.data) resolve(event.data);
        else reject(new Error("no solution"));
      };
      worker.onerror = function () {
        worker.terminate();
        reject(new Error("worker failed"));
      };
      worker.postMessage(challenge);
    });
  }

  function solve() {
    if (running && Date.now() < goodUntil) return running;
    field.value = "";
    goodUntil = Infinity;
    running = fetch(box.getAttribute("data-challenge-url"), {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (answer) {
        if (!answer.ok) throw new Error("HTTP " + answer.status);
        return answer.json();
      })
      .then(function (challenge) {
        return work(challenge).then(function (solution) {
          var expires = (challenge.parameters.expiresAt || 0) * 1000;
          goodUntil = expires ? expires - 60000 : Infinity;
          field.value = btoa(JSON.stringify({ challenge: challenge, solution: solution }));
          return field.value;
        });
      });
    running.catch(function () {
      running = null;
      goodUntil = 0;
    });
    return running;
  }

  form.addEventListener("focusin", function () {
    solve().catch(function () {});
  });
  form.addEventListener("submit", function (event) {
    if (field.value && Date.now() < goodUntil) {
      // Ready: the form goes with this solution, good for one submission; a second click
      // solves anew (the form's token keeps it one application).
      running = null;
      goodUntil = 0;
      window.setTimeout(function () {
        field.value = "";
      }, 0);
      return;
    }
    event.preventDefault();
    if (waiting) return; // a second click while solving: one submission only
    waiting = true;
    status.textContent = box.getAttribute("data-working");
    var submitter = event.submitter;
    solve().then(
      function () {
        waiting = false;
        status.textContent = "";
        if (form.requestSubmit) form.requestSubmit(submitter || undefined);
        else form.submit();
      },
      function () {
        waiting = false;
        status.textContent = box.getAttribute("data-failed");
      }
    );
  });
})();
