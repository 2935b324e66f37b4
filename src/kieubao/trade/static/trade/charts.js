// Charts of the trade portal's market pages and programme dashboard, drawn from data the
// server renders into <script type="application/json"> blocks (json_script): no inline script
// runs (the CSP forbids it). Generic: a canvas names its data and what to draw in attributes,
//   <canvas data-chart-source="market-chart" data-chart-key="exports" data-chart-stacked
//           data-chart-horizontal data-chart-money>
// where the block's value at the key is {labels: [...], datasets: [{label, data: [...]}]}.
// Every chart has a table next to it with the same figures (for screen readers and printing).
(function () {
  "use strict";
  var COLOURS = ["#1f6f8b", "#e07a1f", "#3a9d5d", "#b23a48", "#7a5195", "#c9a227", "#8a8a8a"];
  var sources = {};

  function source(id) {
    if (!(id in sources)) {
      var el = document.getElementById(id);
      sources[id] = el ? JSON.parse(el.textContent) : null;
    }
    return sources[id];
  }

  function draw(canvas) {
    var data = source(canvas.dataset.chartSource);
    var chart = data && data[canvas.dataset.chartKey];
    if (!chart || !chart.labels || !chart.labels.length || typeof Chart === "undefined") return;
    var locale = document.documentElement.lang || "vi";
    var stacked = "chartStacked" in canvas.dataset;
    var horizontal = "chartHorizontal" in canvas.dataset;
    var money = "chartMoney" in canvas.dataset;
    var box = canvas.parentElement;
    if (horizontal) box.style.height = (chart.labels.length * 28 + 60) + "px";
    var ticks = {
      precision: 0,
      callback: function (v) {
        if (!money) return Number(v).toLocaleString(locale);
        return Math.abs(v) >= 1e6 ? (v / 1e6).toLocaleString(locale) + " M" : Number(v).toLocaleString(locale);
      }
    };
    var valueAxis = { stacked: stacked, beginAtZero: true, ticks: ticks };
    var labelAxis = { stacked: stacked };
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: chart.labels,
        datasets: chart.datasets.map(function (d, i) {
          return { label: d.label || canvas.dataset.chartLabel || "", data: d.data,
                   backgroundColor: COLOURS[i % COLOURS.length] };
        })
      },
      options: {
        animation: false, responsive: true, maintainAspectRatio: false,
        indexAxis: horizontal ? "y" : "x",
        plugins: { legend: { display: chart.datasets.length > 1, position: "bottom" } },
        scales: horizontal ? { x: valueAxis, y: labelAxis } : { x: labelAxis, y: valueAxis }
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var canvases = document.querySelectorAll("canvas[data-chart-source]");
    for (var i = 0; i < canvases.length; i++) draw(canvases[i]);
  });
})();
