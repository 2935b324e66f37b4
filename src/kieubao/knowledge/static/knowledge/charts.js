// Network dashboard charts: the data comes from a <script type="application/json"> block
// rendered by the server (json_script), so no inline script runs (the CSP forbids it).
(function () {
  "use strict";
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
                               plugins: { legend: { display: false } },
                               scales: { x: { ticks: { precision: 0 } } } }, options || {})
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var el = document.getElementById("knowledge-chart");
    if (!el) return;
    var chart = JSON.parse(el.textContent);
    bar("chart-countries", chart.countries, { indexAxis: "y" });
    bar("chart-fields", chart.fields, { indexAxis: "y" });
    bar("chart-outcomes", chart.outcomes, { scales: { y: { ticks: { precision: 0 } } } });
  });
})();
