// The trainer's progress chart: Chart.js draws the lines the page's JSON describes, and the
// checkboxes above it show or hide each line. Without Chart.js the table stays open instead.
(function () {
  "use strict";
  var canvas = document.getElementById("progress-chart");
  var data = document.getElementById("progress-chart-config");
  if (!canvas || !data) return;
  if (typeof window.Chart !== "function") {
    var table = document.getElementById("progress-table");
    if (table) table.open = true;
    canvas.hidden = true;
    return;
  }
  var config = JSON.parse(data.textContent);
  var ticks = config.data.labels; // each ["#3", "2 Dec 10:05"]
  // The tooltip names the role-play on one line; a narrow chart numbers its ticks only.
  config.options.plugins.tooltip = {
    callbacks: { title: function (items) { return ticks[items[0].dataIndex].join(" · "); } }
  };
  config.options.scales.x.ticks = {
    callback: function (value) { return this.chart.width < 560 ? ticks[value][0] : ticks[value]; }
  };
  var chart = new window.Chart(canvas, config);
  document.querySelectorAll("input[data-series]").forEach(function (box) {
    box.addEventListener("change", function () {
      chart.setDatasetVisibility(Number(box.dataset.series), box.checked);
      chart.update();
    });
  });
})();
