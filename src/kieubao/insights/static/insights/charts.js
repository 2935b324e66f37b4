// Dashboard charts: data comes from <script type="application/json"> blocks rendered by the
// server (json_script), so no inline script runs (the CSP forbids it).
(function () {
  "use strict";
  function data(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }
  function bar(canvasId, points, options) {
    var canvas = document.getElementById(canvasId);
    if (!canvas || !points || !points.length || typeof Chart === "undefined") return;
    var box = canvas.parentElement;
    if (box.dataset.rows) box.style.height = (Number(box.dataset.rows) * 28 + 40) + "px";
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: points.map(function (p) { return p.label; }),
        datasets: [{ label: canvas.dataset.label || "", data: points.map(function (p) { return p.value; }),
                     backgroundColor: "#1f6f8b" }]
      },
      options: Object.assign({ animation: false, responsive: true, maintainAspectRatio: false,
                               plugins: { legend: { display: false } } }, options || {})
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var chart = data("insights-chart");
    if (!chart) return;
    var locale = document.documentElement.lang || "vi";
    bar("chart-countries", chart.countries, { indexAxis: "y" });
    bar("chart-remittances", chart.remittances, {
      scales: { y: { ticks: { callback: function (v) { return (v / 1e6).toLocaleString(locale) + " M"; } } } }
    });
  });
})();
