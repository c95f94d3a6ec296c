// spocschema HTML report: filters by severity, state and article. Reads only the page itself.
(function () {
  "use strict";
  var RANK = { info: 0, warning: 1, error: 2 };

  function words(element, name) {
    var value = element.getAttribute(name);
    return value ? value.split(" ") : [];
  }

  function atLeast(element, minimum) {
    if (minimum === "") { return true; }
    var severities = words(element, "data-severity");
    for (var i = 0; i < severities.length; i += 1) {
      if (RANK[severities[i]] >= RANK[minimum]) { return true; }
    }
    return false;
  }

  function matches(element, name, wanted) {
    return wanted === "" || words(element, name).indexOf(wanted) !== -1;
  }

  function apply() {
    var severity = value("filter-severity");
    var state = value("filter-state");
    var article = value("filter-article");
    var shown = 0;
    var total = 0;
    each(".f-sev", function (el) { el.classList.toggle("out-sev", !atLeast(el, severity)); });
    each(".f-state", function (el) { el.classList.toggle("out-state", !matches(el, "data-state", state)); });
    each(".f-art", function (el) { el.classList.toggle("out-art", !matches(el, "data-article", article)); });
    each(".f-sev, .f-state, .f-art", function (el) {
      el.hidden = el.classList.contains("out-sev") || el.classList.contains("out-state") ||
        el.classList.contains("out-art");
    });
    each("tr.finding", function (el) {
      total += 1;
      if (!el.hidden && !hiddenByAncestor(el)) { shown += 1; }
    });
    var counter = document.getElementById("filter-shown");
    if (counter) { counter.textContent = shown + " of " + total + " findings shown"; }
    document.body.setAttribute("data-filtered", severity || state || article ? "yes" : "no");
  }

  function hiddenByAncestor(element) {
    for (var node = element.parentElement; node; node = node.parentElement) {
      if (node.hidden) { return true; }
    }
    return false;
  }

  function value(id) {
    var select = document.getElementById(id);
    return select ? select.value : "";
  }

  function each(selector, callback) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), callback);
  }

  function openAll() {
    each("details", function (el) { el.setAttribute("open", ""); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    each(".filters select", function (select) { select.addEventListener("change", apply); });
    var reset = document.getElementById("filter-reset");
    if (reset) {
      reset.addEventListener("click", function () {
        each(".filters select", function (select) { select.value = ""; });
        apply();
      });
    }
    window.addEventListener("beforeprint", openAll);
    apply();
  });
}());
