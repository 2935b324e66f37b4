// Event times are written by the server in Vietnam time; each <time datetime data-local-time>
// is also shown in the viewer's own time zone (browser Intl), unless that is Vietnam time.
(function () {
  "use strict";
  function show(root) {
    var zone;
    try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
    var format = new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
      weekday: "short", day: "2-digit", month: "2-digit", year: "numeric",
      hour: "2-digit", minute: "2-digit", timeZoneName: "short"
    });
    root.querySelectorAll("time[data-local-time]").forEach(function (el) {
      var when = new Date(el.getAttribute("datetime"));
      var box = el.parentNode.querySelector("[data-local-for]");
      if (isNaN(when.getTime()) || !box) return;
      box.querySelector("[data-local-value]").textContent = format.format(when);
      box.setAttribute("title", zone);
      box.hidden = zone === "Asia/Ho_Chi_Minh" || zone === "Asia/Saigon";
    });
  }
  document.addEventListener("DOMContentLoaded", function () { show(document); });
  document.addEventListener("htmx:afterSwap", function (e) { show(e.target); });
})();
