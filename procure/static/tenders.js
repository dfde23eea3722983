/* Tender form: extra clause and lot rows, clause fields by type, CPV suggestions, and the
   clause advisor and insertion-hours calculator refreshed as the buyer types.
   The form works without this file (the "Recalculer" button asks the server). */
(function () {
  "use strict";
  var form = document.getElementById("tender-form");
  if (!form) { return; }

  var RENUMBER = {
    "clauses": [/^clauses-\d+-/, function (n) { return "clauses-" + n + "-"; }],
    "lot-clauses": [/^(lots-\d+-clauses-)\d+-/, function (n, m) { return m[1] + n + "-"; }],
    "lots": [/^lots-\d+-/, function (n) { return "lots-" + n + "-"; }]
  };

  /* Each clause type's parameter ("hours", "weight", "text" or "none"), written by the server
     from procure.domain's clause table into the select's data-params attribute. */
  function paramsOf(select) {
    try { return JSON.parse(select.getAttribute("data-params") || "{}"); } catch (e) { return {}; }
  }

  function showClauseFields(row) {
    var select = row.querySelector("select.clause-type");
    if (!select) { return; }
    var param = paramsOf(select)[select.value] || "none";
    ["hours", "weight", "text"].forEach(function (name) {
      var el = row.querySelector(".clause-" + name);
      if (el) { el.hidden = name !== param; }
    });
  }

  /* The clause type that carries insertion hours: the first whose parameter is "hours". */
  function hoursClause(select) {
    var params = paramsOf(select);
    return Object.keys(params).filter(function (k) { return params[k] === "hours"; })[0];
  }

  function renumber(el, kind, n) {
    var rule = RENUMBER[kind];
    ["name", "id", "for"].forEach(function (attr) {
      var value = el.getAttribute(attr);
      if (!value) { return; }
      var m = value.match(rule[0]);
      if (m) { el.setAttribute(attr, value.replace(rule[0], rule[1](n, m))); }
    });
  }

  function addRow(button) {
    var container = button.parentElement;
    var kind = container.getAttribute("data-rows");
    var rows = Array.prototype.filter.call(container.children, function (c) { return c.hasAttribute("data-row"); });
    if (!rows.length) { return; }
    var clone = rows[rows.length - 1].cloneNode(true);
    clone.querySelectorAll("[name], [id], [for]").forEach(function (el) { renumber(el, kind, rows.length); });
    clone.querySelectorAll("input, textarea").forEach(function (el) { el.value = ""; });
    clone.querySelectorAll("select").forEach(function (el) { el.selectedIndex = 0; });
    clone.querySelectorAll(".error").forEach(function (el) { el.remove(); });
    container.insertBefore(clone, button);
    clone.querySelectorAll(".clause-row").forEach(showClauseFields);
    if (clone.classList.contains("clause-row")) { showClauseFields(clone); }
  }

  form.addEventListener("click", function (event) {
    var button = event.target.closest("[data-add-row]");
    if (button) { event.preventDefault(); addRow(button); }
  });
  form.addEventListener("change", function (event) {
    if (event.target.matches("select.clause-type")) { showClauseFields(event.target.closest(".clause-row")); }
  });
  form.querySelectorAll(".clause-row").forEach(showClauseFields);

  var csrf = form.querySelector("input[name=csrf_token]");
  function field(name) { return form.querySelector("[name=" + name + "]"); }

  /* CPV suggestions for the code being typed after the last comma. */
  var cpvInput = field("cpv_codes");
  var cpvList = document.getElementById("cpv-suggestions");
  var cpvTimer = null;
  if (cpvInput && cpvList) {
    cpvInput.addEventListener("input", function () {
      clearTimeout(cpvTimer);
      cpvTimer = setTimeout(function () {
        var parts = cpvInput.value.split(",");
        var query = parts.pop().trim();
        if (query.length < 2) { return; }
        var prefix = parts.map(function (p) { return p.trim(); }).filter(Boolean);
        fetch(cpvInput.getAttribute("data-cpv-url") + "?q=" + encodeURIComponent(query), { credentials: "same-origin" })
          .then(function (r) { return r.ok ? r.json() : []; })
          .then(function (entries) {
            cpvList.textContent = "";
            entries.forEach(function (e) {
              var option = document.createElement("option");
              option.value = prefix.concat([e.code]).join(", ");
              option.label = e.code + " " + e.label;
              option.textContent = e.code + " " + e.label;
              cpvList.appendChild(option);
            });
          });
      }, 250);
    });
  }

  /* An amount as people type it ("180 000", "180 000,50 €", "180000.5") as a plain number. */
  function parseAmount(raw) {
    var s = String(raw || "").replace(/[\s\u00a0\u202f€]/g, "").replace(/(eur(os)?|ht)$/i, "");
    if (/,\d{1,2}$/.test(s)) { s = s.replace(/\./g, "").replace(",", "."); } else { s = s.replace(/,/g, ""); }
    return s;
  }

  /* The calculator starts from the amount typed in "Montant estimé" until the buyer types
     another one in the calculator itself. */
  var estimated = field("estimated_value");
  var calcAmount = field("calc_amount");
  function mirrorAmount() {
    if (!estimated || !calcAmount) { return; }
    if (calcAmount.value === "" || calcAmount.getAttribute("data-mirrored") === "1") {
      calcAmount.value = estimated.value;
      calcAmount.setAttribute("data-mirrored", "1");
    }
  }
  if (estimated && calcAmount) {
    estimated.addEventListener("input", mirrorAmount);
    calcAmount.addEventListener("input", function () { calcAmount.setAttribute("data-mirrored", calcAmount.value === "" ? "1" : "0"); });
    if (calcAmount.value === "" && estimated.value !== "") { mirrorAmount(); }
  }

  /* The advisor and the calculator. */
  var advisor = document.getElementById("advisor");
  var hoursOut = document.getElementById("calc-hours");
  var useHours = document.getElementById("use-hours");
  var timer = null;

  function fill(listId, items, build) {
    var list = document.getElementById(listId);
    list.textContent = "";
    items.forEach(function (item) { list.appendChild(build(item)); });
  }

  function refresh() {
    if (!advisor) { return; }
    var deps = Array.prototype.map.call(field("departments").selectedOptions, function (o) { return o.value; });
    var amount = parseAmount(field("calc_amount").value || field("estimated_value").value);
    var body = {
      departments: deps,
      text: field("title").value + " " + field("description").value,
      cpv_codes: field("cpv_codes").value,
      amount: amount,
      labour_share: field("calc_labour_share").value.replace(",", "."),
      hourly_cost: field("calc_hourly_cost").value.replace(",", "."),
      rate: field("calc_rate").value.replace(",", ".")
    };
    fetch(advisor.getAttribute("data-url"), {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf ? csrf.value : "" },
      body: JSON.stringify(body)
    }).then(function (r) { return r.ok ? r.json() : null; }).then(function (advice) {
      if (!advice) { return; }
      fill("advisor-numbers", advice.numbers, function (line) {
        var li = document.createElement("li"); li.textContent = line; return li;
      });
      fill("advisor-recommendations", advice.recommendations, function (rec) {
        var li = document.createElement("li"); var strong = document.createElement("strong");
        strong.textContent = rec.message; li.appendChild(strong); li.setAttribute("data-kind", rec.kind); return li;
      });
      hoursOut.textContent = advice.hours === null ? "—" : String(advice.hours);
      if (useHours) { useHours.hidden = advice.hours === null; }
      advisor.setAttribute("data-updated", String(Date.now()));
    });
  }

  function later() { clearTimeout(timer); timer = setTimeout(refresh, 300); }
  ["title", "description", "estimated_value", "calc_amount", "calc_labour_share", "calc_hourly_cost", "calc_rate"].forEach(function (name) {
    var el = field(name); if (el) { el.addEventListener("input", later); }
  });
  var deps = field("departments");
  if (deps) { deps.addEventListener("change", refresh); }

  if (useHours) {
    useHours.hidden = hoursOut.textContent.trim() === "—";
    useHours.addEventListener("click", function () {
      var selects = form.querySelectorAll("[data-rows=clauses] > .clause-row select.clause-type");
      if (!selects.length) { return; }
      var code = hoursClause(selects[0]);
      var target = null;
      selects.forEach(function (s) { if (!target && s.value === code) { target = s; } });
      selects.forEach(function (s) { if (!target && s.value === "") { target = s; } });
      if (!target || !code) { return; }
      target.value = code;
      var row = target.closest(".clause-row");
      showClauseFields(row);
      row.querySelector(".clause-hours input").value = hoursOut.textContent.trim();
    });
  }
})();
