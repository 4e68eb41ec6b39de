/* tei-encoder: search across the edition, in the browser, offline.
 *
 * The index is search-index.js (written by encoder.site.search_index), a
 * script that sets window.teiSearchIndex = {docs: [...], entries: [...]}:
 * a script rather than JSON, so that it loads from file:// too, where
 * fetch() of a local file fails. Each document has its href (h), title (t),
 * date (d), type (y), summary (s) and its words (w: folded, space-separated);
 * each register entry its link (h), kind (k), name (n), other names (v) and
 * the number of documents naming it (c).
 *
 * A query matches a document or entry when every word of the query begins
 * a word of it (case and diacritics ignored: "tabr" finds "Tabriz", "sovet"
 * finds "Sovét"). The page works without this script: the search form stays
 * hidden and the index lists every document.
 */
(function (root) {
  "use strict";

  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"];
  var KINDS = {person: "Person", place: "Place", org: "Organisation"};

  /* The form words are compared in, as encoder.site.fold makes it. */
  function fold(text) {
    return String(text || "").normalize("NFKD").replace(/\p{Mn}/gu, "").toLowerCase();
  }

  /* The words of a text, folded; one-letter words (but not digits) are left out. */
  function words(text) {
    var found = fold(text).match(/[\p{L}\p{N}]+/gu) || [];
    return found.filter(function (w) { return w.length > 1 || /^\p{N}$/u.test(w); });
  }

  /* Whether every query word begins one of the words (a sorted, space-joined string). */
  function matchesAll(query, haystack) {
    var text = " " + haystack;
    return query.every(function (q) { return text.indexOf(" " + q) !== -1; });
  }

  function prepare(index) {
    var docs = (index && index.docs) || [];
    var entries = (index && index.entries) || [];
    return {
      docs: docs.map(function (d, i) {
        return {doc: d, order: i, title: words(d.t).join(" "), summary: words(d.s).join(" "), all: d.w || ""};
      }),
      entries: entries.map(function (e, i) {
        return {entry: e, order: i, names: words(e.n + " " + (e.v || "")).join(" ")};
      })
    };
  }

  /* The documents and entries a query finds, best first: {docs: [...], entries: [...]}. */
  function search(prepared, query) {
    var q = words(query);
    if (!q.length) return {query: q, docs: [], entries: []};
    var docs = prepared.docs.filter(function (d) {
      return matchesAll(q, d.all + " " + d.title + " " + d.summary);
    }).map(function (d) {
      var score = (matchesAll(q, d.title) ? 4 : 0) + (matchesAll(q, d.summary) ? 2 : 0);
      return {item: d, score: score};
    });
    docs.sort(function (a, b) { return b.score - a.score || a.item.order - b.item.order; });
    var entries = prepared.entries.filter(function (e) { return matchesAll(q, e.names); });
    entries.sort(function (a, b) { return (b.entry.c || 0) - (a.entry.c || 0) || a.order - b.order; });
    return {
      query: q,
      docs: docs.map(function (d) { return d.item.doc; }),
      entries: entries.map(function (e) { return e.entry; })
    };
  }

  function formatDate(iso) {
    var m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(iso || "");
    if (!m) return iso || "";
    var out = m[1];
    if (m[2] && +m[2] >= 1 && +m[2] <= 12) out = MONTHS[+m[2] - 1] + " " + out;
    if (m[3] && m[2]) out = (+m[3]) + " " + out;
    return out;
  }

  function el(doc, tag, attrs, text) {
    var node = doc.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) node.textContent = text;
    return node;
  }

  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  function show(doc, found, list, status, everything) {
    list.textContent = "";
    if (!found.query.length) {
      status.textContent = "";
      everything.forEach(function (n) { n.hidden = false; });
      return;
    }
    everything.forEach(function (n) { n.hidden = true; });
    var count = found.docs.length + found.entries.length;
    status.textContent = count
      ? plural(found.docs.length, "document", "documents") + " and " +
        plural(found.entries.length, "register entry", "register entries") + " found."
      : "Nothing found. Try fewer or shorter words.";
    found.entries.forEach(function (e) {
      var li = el(doc, "li");
      li.appendChild(el(doc, "p", {"class": "meta-line"}, (KINDS[e.k] || "Entry") +
        (e.c ? " · named in " + plural(e.c, "document", "documents") : "")));
      li.appendChild(el(doc, "a", {"class": "doc-title", href: e.h}, e.n));
      if (e.v) li.appendChild(el(doc, "p", {"class": "summary"}, "Also: " + e.v));
      list.appendChild(li);
    });
    found.docs.forEach(function (d) {
      var li = el(doc, "li");
      var meta = [d.y, formatDate(d.d)].filter(Boolean).join(" · ");
      if (meta) li.appendChild(el(doc, "p", {"class": "meta-line"}, meta));
      li.appendChild(el(doc, "a", {"class": "doc-title", href: d.h}, d.t));
      if (d.s) li.appendChild(el(doc, "p", {"class": "summary"}, d.s));
      list.appendChild(li);
    });
  }

  function start(doc) {
    var box = doc.getElementById("ed-search");
    var input = doc.getElementById("ed-q");
    var list = doc.getElementById("ed-search-results");
    var status = doc.getElementById("ed-search-status");
    if (!box || !input || !list || !status || !root.teiSearchIndex) return;  // the plain index stays
    var prepared = prepare(root.teiSearchIndex);
    var everything = Array.prototype.slice.call(doc.querySelectorAll("[data-search-hides]"));
    var run = function () { show(doc, search(prepared, input.value), list, status, everything); };
    box.hidden = false;
    box.querySelector("form").addEventListener("submit", function (event) { event.preventDefault(); run(); });
    input.addEventListener("input", run);
    var given = /[?&]q=([^&#]*)/.exec(root.location ? root.location.search : "");
    if (given) {
      input.value = decodeURIComponent(given[1].replace(/\+/g, " "));
      run();
    }
  }

  var api = {fold: fold, words: words, prepare: prepare, search: search, formatDate: formatDate};
  root.teiSearch = api;
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  if (typeof document !== "undefined") {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", function () { start(document); });
    } else {
      start(document);
    }
  }
})(typeof window !== "undefined" ? window : globalThis);
