// SPDX-License-Identifier: EUPL-1.2
// Progressive enhancement only: every page works without this file.
// 1. Warn two minutes before an idle session ends (WCAG 2.2.1) and let the user extend it.
// 2. Announce the number of place suggestions after an htmx swap (WCAG 4.1.3).
(function () {
  "use strict";

  var WAARSCHUW_SECONDEN = 120;

  function sessieBewaking() {
    var body = document.body;
    var totaal = parseInt(body.getAttribute("data-sessie-seconden") || "", 10);
    var waarschuwing = document.getElementById("sessie-waarschuwing");
    if (!totaal || !waarschuwing) {
      return;
    }
    var timers = [];

    function start() {
      timers.forEach(clearTimeout);
      timers = [];
      waarschuwing.hidden = true;
      var vooraf = Math.max(0, totaal - WAARSCHUW_SECONDEN);
      timers.push(setTimeout(function () { waarschuwing.hidden = false; }, vooraf * 1000));
      timers.push(setTimeout(function () {
        window.location.assign("/inloggen?verlopen=1&volgende=" + encodeURIComponent(window.location.pathname));
      }, totaal * 1000));
    }

    document.body.addEventListener("htmx:afterRequest", function (event) {
      if (event.detail && event.detail.successful) {
        start();
      }
    });
    start();
  }

  function suggestieStatus() {
    document.body.addEventListener("htmx:afterSwap", function (event) {
      var doel = event.detail && event.detail.target;
      if (!doel || doel.tagName !== "DATALIST") {
        return;
      }
      var status = document.getElementById(doel.id.replace("lijst-", "status-"));
      if (status) {
        var n = doel.querySelectorAll("option").length;
        status.textContent = document.documentElement.lang === "en"
          ? n + " suggestions"
          : n + " suggesties";
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    sessieBewaking();
    suggestieStatus();
  });
})();
