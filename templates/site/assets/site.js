/* soptool catalogue site: search and filters of index.html; print buttons. No requests. */
(function () {
  "use strict";

  function fold(text) {
    return String(text || "").toLowerCase().normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "").replace(/\s+/g, " ").trim();
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-cetak]"), function (button) {
    button.addEventListener("click", function () { window.print(); });
  });

  var table = document.getElementById("daftar-sop");
  var search = document.getElementById("cari");
  if (!table || !search) { return; }
  var data = window.SOPTOOL_KATALOG || [];
  var filters = {
    unit: document.getElementById("saring-unit"),
    status: document.getElementById("saring-status"),
    tahun: document.getElementById("saring-tahun")
  };
  var count = document.getElementById("jumlah");
  var empty = document.getElementById("kosong");
  var rows = Array.prototype.slice.call(table.querySelectorAll("tr.sop"));
  var texts = rows.map(function (row) {
    var item = data[Number(row.getAttribute("data-i"))];
    return item ? item.cari : fold(row.textContent);
  });

  function choose(select, value) {
    if (!select) { return; }
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].value === value) { select.value = value; return; }
    }
    select.value = "";
  }

  function readAddress() {
    var params = new URLSearchParams(window.location.search);
    search.value = params.get("q") || "";
    Object.keys(filters).forEach(function (name) { choose(filters[name], params.get(name) || ""); });
  }

  function writeAddress() {
    var params = new URLSearchParams();
    if (search.value.trim()) { params.set("q", search.value.trim()); }
    Object.keys(filters).forEach(function (name) {
      if (filters[name] && filters[name].value) { params.set(name, filters[name].value); }
    });
    var query = params.toString();
    var address = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    try { window.history.replaceState(null, "", address); } catch (e) { /* some file:// browsers */ }
  }

  function apply() {
    var words = fold(search.value).split(" ").filter(Boolean);
    var unit = filters.unit ? filters.unit.value : "";
    var status = filters.status ? filters.status.value : "";
    var tahun = filters.tahun ? filters.tahun.value : "";
    var shown = 0;
    rows.forEach(function (row, i) {
      var ok = (!unit || row.getAttribute("data-unit") === unit) &&
        (!status || row.getAttribute("data-status") === status) &&
        (!tahun || row.getAttribute("data-tahun") === tahun);
      for (var w = 0; ok && w < words.length; w++) {
        if (texts[i].indexOf(words[w]) < 0) { ok = false; }
      }
      if (ok) { row.removeAttribute("hidden"); shown++; } else { row.setAttribute("hidden", ""); }
    });
    count.textContent = shown + " SOP ditemukan";
    if (empty) { empty.hidden = shown > 0; }
  }

  function changed() { apply(); writeAddress(); }

  search.addEventListener("input", changed);
  Object.keys(filters).forEach(function (name) {
    if (filters[name]) { filters[name].addEventListener("change", changed); }
  });
  var form = search.form;
  if (form) { form.addEventListener("submit", function (event) { event.preventDefault(); changed(); }); }
  readAddress();
  apply();
})();
