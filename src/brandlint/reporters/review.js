// brandlint review page: filters and navigation (inlined by brandlint.reporters.review_html).
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("review-data").textContent);
  var byIndex = {};
  data.findings.forEach(function (f) { byIndex[f.i] = f; });
  var marks = Array.prototype.slice.call(document.querySelectorAll("pre.doc mark"));
  var items = Array.prototype.slice.call(document.querySelectorAll("li.finding"));
  var rank = { info: 1, warning: 2, error: 3 };

  function idsOf(mark) {
    return mark.getAttribute("data-f").split(" ").map(Number);
  }
  // a mark's colour is the highest severity among the findings it shows
  function paint(mark, shown) {
    var best = null;
    idsOf(mark).forEach(function (i) {
      var f = byIndex[i];
      if (shown[i] && (best === null || rank[f.severity] > rank[best])) { best = f.severity; }
    });
    mark.classList.remove("s-error", "s-warning", "s-info");
    mark.classList.toggle("off", best === null);
    if (best !== null) { mark.classList.add("s-" + best); }
  }

  function selected() {
    var sev = {};
    document.querySelectorAll('input[name="sev"]').forEach(function (b) { sev[b.value] = b.checked; });
    return {
      pack: document.getElementById("f-pack").value,
      rule: document.getElementById("f-rule").value,
      sev: sev,
      only: document.getElementById("f-only").checked
    };
  }

  function apply() {
    var s = selected();
    var shown = {};
    var count = 0;
    var perFile = {};
    data.findings.forEach(function (f) {
      var ok = (!s.pack || f.pack === s.pack) && (!s.rule || f.rule === s.rule) && s.sev[f.severity];
      shown[f.i] = ok;
      if (ok) { count += 1; perFile[f.file] = (perFile[f.file] || 0) + 1; }
    });
    items.forEach(function (li) { li.classList.toggle("hidden", !shown[Number(li.getAttribute("data-i"))]); });
    marks.forEach(function (m) { paint(m, shown); });
    document.querySelectorAll("section.file").forEach(function (sec, n) {
      sec.classList.toggle("hidden", s.only && !perFile[n]);
    });
    document.querySelectorAll("#toc li").forEach(function (li, n) {
      li.classList.toggle("nofindings", !perFile[n]);
    });
    document.getElementById("shown-count").textContent = String(count);
    document.body.setAttribute("data-shown", String(count));
  }

  function focus(i) {
    document.querySelectorAll(".current").forEach(function (el) { el.classList.remove("current"); });
    var li = document.getElementById("f" + i);
    if (li) { li.classList.add("current"); }
    var first = null;
    marks.forEach(function (m) {
      if (idsOf(m).indexOf(i) !== -1) { m.classList.add("current"); if (!first) { first = m; } }
    });
    if (first) { first.scrollIntoView({ block: "center" }); }
  }

  document.getElementById("filters").addEventListener("change", apply);
  document.addEventListener("click", function (ev) {
    var t = ev.target;
    if (t.classList && t.classList.contains("loc")) {
      ev.preventDefault();
      focus(Number(t.parentNode.getAttribute("data-i")));
    } else if (t.tagName === "MARK") {
      var ids = idsOf(t);
      var li = document.getElementById("f" + ids[0]);
      focus(ids[0]);
      if (li) { li.scrollIntoView({ block: "nearest" }); }
    }
  });
  // a pack or rule in the address (#pack=ai-tells, #rule=brand/terms) preselects the filter
  var m = /^#(pack|rule)=(.+)$/.exec(location.hash);
  if (m) { document.getElementById("f-" + m[1]).value = decodeURIComponent(m[2]); }
  apply();
})();
