/*
 * Handbook search.
 *
 * Turns the search form of the page header (templates/partials/search.html)
 * into a combobox that lists results as the reader types, following the ARIA
 * 1.2 combobox pattern with a listbox popup. Without JavaScript, or when the
 * index cannot load, the form still works: it goes to the A to Z index.
 *
 * The index (search-index.js, built by generator/search) is a plain script
 * that sets window.handbookSearchIndex. It is loaded on first use by adding a
 * <script src> element, which works over file:// and under
 * Content-Security-Policy: default-src 'self'. Nothing here uses innerHTML,
 * eval or inline styles.
 *
 * The text rules (words, stop words, stem) are a twin of
 * generator/search/text.go; both are tested against
 * generator/search/testdata/stems.json. Change them together.
 */
(function () {
  "use strict";

  /* Text rules ---------------------------------------------------------- */

  var FOLD_GROUPS = [
    "a", "àáâãäåāăą", "ae", "æ", "c", "çćĉċč", "d", "ďđð", "e", "èéêëēĕėęě",
    "g", "ĝğġģ", "h", "ĥħ", "i", "ìíîïĩīĭįı", "ij", "ĳ", "j", "ĵ", "k", "ķ",
    "l", "ĺļľŀł", "n", "ñńņňŉ", "o", "òóôõöøōŏő", "oe", "œ", "r", "ŕŗř",
    "s", "śŝşšſ", "ss", "ß", "t", "ţťŧ", "th", "þ", "u", "ùúûüũūŭůűų",
    "w", "ŵẁẃẅ", "y", "ýÿŷỳ", "z", "źżž"
  ];
  var FOLD = new Map();
  FOLD_GROUPS.forEach(function (from, i) {
    if (i % 2 === 1) {
      for (var ch of from) FOLD.set(ch, FOLD_GROUPS[i - 1]);
    }
  });

  var STOP = new Set(("about above after again all also am an and any are as at be because been before being below between both but by can could did do does doing down during each few for from further had has have having he her here hers herself him himself his how if in into is it its itself just me more most my myself no nor not of off on once only or other ought our ours ourselves out over own same shall she should so some such than that the their theirs them themselves then there these they this those through to too under until up upon us very was we were what when where which while who whom why will with would you your yours yourself yourselves").split(" "));

  // unicodeRegExp builds a regular expression with Unicode property escapes,
  // or returns null in a browser too old to know them (they came in
  // ES2018). The constructor is not eval: a Content-Security-Policy allows it.
  function unicodeRegExp(source, flags) {
    try {
      return new RegExp(source, "u" + (flags || ""));
    } catch (e) {
      return null;
    }
  }

  var APOSTROPHE = /^['\u2018\u2019\u02bc]$/;
  var WORD_CHAR = unicodeRegExp("^[\\p{L}\\p{Nd}]$") || {
    test: function (ch) { return /^[0-9]$/.test(ch) || ch.toLowerCase() !== ch.toUpperCase(); }
  };
  var MARK = unicodeRegExp("^\\p{Mn}$") || /^[\u0300-\u036f]$/;
  var ENDS_WORD = unicodeRegExp("[\\s\\p{P}]$") || /[\s!-\/:-@\[-`{-~\u2010-\u2027]$/;
  var WORD_RUN = unicodeRegExp("[\\p{L}\\p{Nd}\\p{Mn}'\\u2018\\u2019\\u02bc]+", "g") ||
    /[0-9A-Za-z\u00c0-\u024f\u0300-\u036f\u0370-\u03ff\u0400-\u04ff'\u2018\u2019\u02bc]+/g;

  // kind returns 1 for a character of a word, 0 for one that joins (an
  // apostrophe or combining mark) and -1 for a separator.
  function kind(ch) {
    if (APOSTROPHE.test(ch) || MARK.test(ch)) return 0;
    return WORD_CHAR.test(ch) ? 1 : -1;
  }

  // foldChar lower-cases and folds one word character.
  function foldChar(ch) {
    var out = "";
    for (var c of ch.toLowerCase()) {
      if (MARK.test(c)) continue; // "İ" lower-cases to "i" and a mark
      out += FOLD.has(c) ? FOLD.get(c) : c;
    }
    return out;
  }

  // words cuts text into lower-case, folded words of 2 or more characters,
  // stop words included.
  function words(text) {
    var out = [];
    var cur = "";
    var n = 0;
    for (var ch of String(text)) {
      var k = kind(ch);
      if (k === 0) continue;
      if (k === 1) {
        var f = foldChar(ch);
        cur += f;
        n += [...f].length;
        continue;
      }
      if (n > 1) out.push(cur);
      cur = "";
      n = 0;
    }
    if (n > 1) out.push(cur);
    return out;
  }

  function isVowel(c) {
    return c === "a" || c === "e" || c === "i" || c === "o" || c === "u" || c === "y";
  }

  function hasVowel(s) {
    for (var i = 0; i < s.length; i++) if (isVowel(s[i])) return true;
    return false;
  }

  var SUFFIXES = [
    { end: "ation", to: "", min: 4 },
    { end: "ness", to: "", min: 3 },
    { end: "ment", to: "", min: 4 },
    { end: "ing", to: "", min: 3, vowel: true, fix: true },
    { end: "ied", to: "y", min: 2 },
    { end: "ed", to: "", min: 3, vowel: true, fix: true },
    { end: "er", to: "", min: 4, fix: true },
    { end: "ly", to: "", min: 4 }
  ];

  function tidy(w) {
    var n = w.length;
    var last = w[n - 1];
    if (n >= 4 && last === w[n - 2] && !isVowel(last) && "lsfz".indexOf(last) < 0) {
      return w.slice(0, -1);
    }
    if (n === 3 && !isVowel(w[0]) && isVowel(w[1]) && !isVowel(last) && "wxy".indexOf(last) < 0) {
      return w + "e";
    }
    return w;
  }

  // stem is Stem of text.go: a small suffix stripper for UK English.
  function stem(w) {
    if (w.length <= 3 || !/^[a-z]+$/.test(w)) return w;
    if (w.endsWith("sses")) w = w.slice(0, -2);
    else if (w.endsWith("ies") && w.length > 4) w = w.slice(0, -3) + "y";
    else if (w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) w = w.slice(0, -1);
    for (var i = 0; i < SUFFIXES.length; i++) {
      var s = SUFFIXES[i];
      if (!w.endsWith(s.end)) continue;
      var rest = w.slice(0, w.length - s.end.length);
      if (rest.length >= s.min && (!s.vowel || hasVowel(rest))) {
        w = rest + s.to;
        if (s.fix) w = tidy(w);
      }
      break;
    }
    if (w.length >= 5 && w.endsWith("e")) w = w.slice(0, -1);
    if (w.length >= 6 && w.endsWith("our")) w = w.slice(0, -3) + "or";
    if (w.endsWith("iz")) w = w.slice(0, -2) + "is";
    if (w.length >= 6 && w.endsWith("at")) w = w.slice(0, -2);
    return w;
  }

  // terms is Terms of text.go: the stemmed words of text without stop words.
  function terms(text) {
    return words(text).filter(function (w) { return !STOP.has(w); }).map(stem);
  }

  /* The index ----------------------------------------------------------- */

  var ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var DIGIT = new Int8Array(128).fill(-1);
  for (var d = 0; d < ALPHABET.length; d++) DIGIT[ALPHABET.charCodeAt(d)] = d;

  // Weights of the fields: title ≫ heading ≫ glossary term ≫ text.
  var W_TITLE = 12;
  var W_GLOSSARY = 4;
  var W_CLASS = [1, 1.5, 2, 6]; // text once, twice, 3+ times; heading
  var MAX_SHOWN = 10;
  var MAX_PREFIX_TERMS = 50;

  // prepare turns the raw index into the arrays that search needs.
  function prepare(raw) {
    var pages = raw.p;
    var P = pages.length;
    var start = new Int32Array(P + 1);
    var S = 0;
    for (var p = 0; p < P; p++) {
      start[p] = S;
      S += (pages[p].length - 2) / 3;
    }
    start[P] = S;
    var secPage = new Int32Array(S);
    for (p = 0; p < P; p++) secPage.fill(p, start[p], start[p + 1]);
    return {
      pages: pages,
      glossary: raw.g,
      P: P,
      S: S,
      start: start,
      secPage: secPage,
      terms: raw.t ? raw.t.split(" ") : [],
      post: raw.i,
      cache: new Map(),
      titles: new Map()
    };
  }

  // postings decodes (once) the postings of term ti.
  function postings(ix, ti) {
    var got = ix.cache.get(ti);
    if (got) return got;
    var s = ix.post[ti];
    var secs = [], cls = [], pages = [], kinds = [];
    var part = 0, prev = -1, i = 0;
    while (i < s.length) {
      if (s.charCodeAt(i) === 46) { // "."
        part = 1;
        prev = -1;
        i++;
        continue;
      }
      var n = 0, shift = 0, dg;
      do {
        dg = DIGIT[s.charCodeAt(i++)];
        n += (dg & 31) * Math.pow(2, shift);
        shift += 5;
      } while (dg & 32);
      if (part === 0) {
        prev += Math.floor(n / 4) + 1;
        secs.push(prev);
        cls.push(n % 4);
      } else {
        prev += Math.floor(n / 2) + 1;
        pages.push(prev);
        kinds.push(n % 2);
      }
    }
    got = { secs: secs, cls: cls, pages: pages, kinds: kinds, idf: Math.log(1 + ix.S / (secs.length + pages.length)) };
    ix.cache.set(ti, got);
    return got;
  }

  // lowerBound returns the index of the first term ≥ s.
  function lowerBound(list, s) {
    var lo = 0, hi = list.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (list[mid] < s) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  function findTerm(ix, s) {
    var i = lowerBound(ix.terms, s);
    return i < ix.terms.length && ix.terms[i] === s ? i : -1;
  }

  // candidates returns the terms that one query word matches, with a factor
  // each: its stem exactly; and for the word being typed (prefix), the terms
  // that start with it and the terms it starts with but for an ending.
  function candidates(ix, word, prefix) {
    var found = new Map();
    function add(ti, f) {
      if (ti >= 0 && !(found.get(ti) >= f)) found.set(ti, f);
    }
    var st = stem(word);
    add(findTerm(ix, st), 1);
    if (!prefix) return found;
    for (var k = word.length - 1; k >= Math.max(4, word.length - 3); k--) {
      add(findTerm(ix, word.slice(0, k)), 0.9);
    }
    [word, st].forEach(function (pre) {
      if (pre.length < 2) return;
      var from = lowerBound(ix.terms, pre);
      var to = from;
      while (to < ix.terms.length && ix.terms[to].startsWith(pre)) to++;
      var range = [];
      for (var i = from; i < to; i++) range.push(i);
      if (range.length > MAX_PREFIX_TERMS) {
        // Prefer the terms closest to what was typed.
        range.sort(function (a, b) { return ix.terms[a].length - ix.terms[b].length || a - b; });
        range.length = MAX_PREFIX_TERMS;
      }
      range.forEach(function (ti) { add(ti, 0.7 * pre.length / ix.terms[ti].length + 0.1); });
    });
    return found;
  }

  // headingID is the slug of a heading of ASCII characters and ’, as
  // generator/internal/slug makes it: the index leaves out the IDs that are
  // the slug of their heading.
  function headingID(heading) {
    var out = "";
    var pending = false;
    for (var ch of heading) {
      if (/[A-Za-z0-9]/.test(ch)) {
        if (pending && out) out += "-";
        pending = false;
        out += ch.toLowerCase();
      } else if (ch !== "'" && ch !== "\u2019") {
        pending = true;
      }
    }
    return out;
  }

  // section returns the section s of page p, or the top of the page for -1,
  // as {id, heading, snippet}.
  function section(ix, p, s) {
    var page = ix.pages[p];
    if (s < 0) return { id: "", heading: "", snippet: page.length > 4 ? page[4] : "" };
    var i = 2 + 3 * (s - ix.start[p]);
    var id = page[i];
    var heading = page[i + 1];
    if (id === "" && heading !== "") id = headingID(heading);
    return { id: id, heading: heading, snippet: page[i + 2] };
  }

  function titleTerms(ix, p) {
    var t = ix.titles.get(p);
    if (!t) {
      t = terms(ix.pages[p][1]);
      ix.titles.set(p, t);
    }
    return t;
  }

  function popcount(x) {
    var n = 0;
    while (x) { n += x & 1; x >>>= 1; }
    return n;
  }

  // search returns every result for query, best first, as
  // {page, section, score}, with section -1 for the top of the page, and the
  // set of terms that matched, for highlighting.
  function search(ix, query) {
    var list = words(query);
    var prefixLast = !ENDS_WORD.test(query);
    var seen = new Set();
    var qwords = [];
    list.forEach(function (w, i) {
      var last = prefixLast && i === list.length - 1;
      // A stop word is left out, unless it is all there is so far and may
      // be the start of a word ("the" of "theatre").
      if (seen.has(w) || (STOP.has(w) && !(last && list.length === 1))) return;
      seen.add(w);
      qwords.push({ word: w, prefix: last });
    });
    qwords = qwords.slice(0, 8);
    var matched = new Set();
    var result = { results: [], matched: matched, prefix: "", empty: !qwords.length };
    if (!qwords.length || !ix.S) return result;
    if (qwords[qwords.length - 1].prefix) result.prefix = qwords[qwords.length - 1].word;

    var secScore = new Float32Array(ix.S);
    var pageScore = new Float32Array(ix.P);
    var pageMask = new Int32Array(ix.P);
    var touched = [];
    qwords.forEach(function (q, qi) {
      var bit = 1 << qi;
      var tokSec = new Map();
      var tokPage = new Map();
      candidates(ix, q.word, q.prefix).forEach(function (f, ti) {
        matched.add(ix.terms[ti]);
        var po = postings(ix, ti);
        var w = f * po.idf;
        for (var i = 0; i < po.secs.length; i++) {
          var v = w * W_CLASS[po.cls[i]];
          if (!(tokSec.get(po.secs[i]) >= v)) tokSec.set(po.secs[i], v);
        }
        for (i = 0; i < po.pages.length; i++) {
          v = w * (po.kinds[i] === 0 ? W_TITLE : W_GLOSSARY);
          if (!(tokPage.get(po.pages[i]) >= v)) tokPage.set(po.pages[i], v);
        }
      });
      tokSec.forEach(function (v, s) {
        secScore[s] += v;
        var p = ix.secPage[s];
        if (!pageMask[p]) touched.push(p);
        pageMask[p] |= bit;
      });
      tokPage.forEach(function (v, p) {
        pageScore[p] += v;
        if (!pageMask[p]) touched.push(p);
        pageMask[p] |= bit;
      });
    });

    var best = 0;
    touched.forEach(function (p) { best = Math.max(best, popcount(pageMask[p])); });
    var results = [];
    touched.forEach(function (p) {
      if (popcount(pageMask[p]) < best) return;
      var top = -1, topScore = 0, sum = 0;
      for (var s = ix.start[p]; s < ix.start[p + 1]; s++) {
        sum += secScore[s];
        if (secScore[s] > topScore) { topScore = secScore[s]; top = s; }
      }
      var score = pageScore[p] + topScore + 0.1 * Math.min(sum - topScore, 30);
      if (pageScore[p] > 0) {
        // A title that is all query words is what the reader is after: the
        // page ranks higher, and the link goes to its top.
        var tt = titleTerms(ix, p);
        if (tt.length && tt.every(function (t) { return matched.has(t); })) {
          score += W_TITLE;
          top = -1;
        }
      }
      if (top < 0 && p >= ix.glossary) top = ix.start[p]; // a glossary entry's anchor
      results.push({ page: p, section: top, score: score });
    });
    results.sort(function (a, b) { return b.score - a.score || a.page - b.page; });
    result.results = results;
    return result;
  }

  /* Loading the index --------------------------------------------------- */

  var loader = { ix: null, state: "idle", waiting: [] };

  function currentIndex() {
    if (!loader.ix && window.handbookSearchIndex) {
      loader.ix = prepare(window.handbookSearchIndex);
      loader.state = "ready";
    }
    return loader.ix;
  }

  // load loads the index script once, then calls done(ix) (ix is null when
  // it failed).
  function load(src, done) {
    if (currentIndex()) { done(loader.ix); return; }
    if (loader.state === "failed") { done(null); return; }
    loader.waiting.push(done);
    if (loader.state === "loading") return;
    loader.state = "loading";
    var script = document.createElement("script");
    script.src = src;
    script.async = true;
    script.addEventListener("load", finish);
    script.addEventListener("error", finish);
    document.head.appendChild(script);
    function finish() {
      if (!currentIndex()) loader.state = "failed";
      var w = loader.waiting;
      loader.waiting = [];
      w.forEach(function (f) { f(loader.ix); });
    }
  }

  /* The combobox -------------------------------------------------------- */

  var forms = 0;

  function clear(e) {
    while (e.firstChild) e.removeChild(e.firstChild);
  }

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text) e.textContent = text;
    return e;
  }

  // appendMarked appends text to parent, with the words that match wrapped in
  // <mark>.
  function appendMarked(parent, text, matched, prefix) {
    var re = WORD_RUN;
    re.lastIndex = 0;
    var last = 0;
    var m;
    while ((m = re.exec(text)) !== null) {
      var ws = words(m[0]);
      var hit = ws.length === 1 && !STOP.has(ws[0]) &&
        (matched.has(stem(ws[0])) || (prefix.length >= 2 && ws[0].startsWith(prefix)));
      if (!hit) continue;
      if (m.index > last) parent.appendChild(document.createTextNode(text.slice(last, m.index)));
      parent.appendChild(el("mark", "", m[0]));
      last = m.index + m[0].length;
    }
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function rootOf(form) {
    var root = form.getAttribute("data-root");
    if (root !== null) return root;
    var action = form.getAttribute("action") || "";
    return action.replace(/[^/]+\/(?:index\.html)?$/, "");
  }

  function enhance(form) {
    var input = form.querySelector('input[name="q"]');
    var indexPath = form.getAttribute("data-index");
    if (!input || !indexPath) return;
    var n = ++forms;
    var root = rootOf(form);
    var portable = form.getAttribute("data-portable") === "true";
    var azHref = form.getAttribute("action") || "";

    var panel = el("div", "search-panel");
    panel.hidden = true;
    var listbox = el("div", "search-results");
    listbox.id = "search-results-" + n;
    listbox.setAttribute("role", "listbox");
    listbox.setAttribute("aria-label", "Search results");
    var note = el("p", "search-note");
    panel.appendChild(listbox);
    panel.appendChild(note);
    var status = el("div", "visually-hidden");
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    status.setAttribute("aria-atomic", "true");
    form.appendChild(panel);
    form.appendChild(status);
    form.classList.add("search-enhanced");

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listbox.id);
    input.setAttribute("autocomplete", "off");

    var options = [];
    var active = -1;
    var announceTimer = 0;
    var lastQuery = null;
    var waiting = false; // for the index, to show the results of the box

    function href(url, id) {
      if (portable && (url === "" || url.endsWith("/"))) url += "index.html";
      return root + url + (id ? "#" + id : "");
    }

    function setActive(i) {
      if (active >= 0 && options[active]) {
        options[active].setAttribute("aria-selected", "false");
        options[active].classList.remove("search-result-active");
      }
      active = i;
      if (i >= 0 && options[i]) {
        options[i].setAttribute("aria-selected", "true");
        options[i].classList.add("search-result-active");
        input.setAttribute("aria-activedescendant", options[i].id);
        options[i].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function open() {
      if (!panel.hidden || !options.length && note.hidden) return;
      panel.hidden = false;
      input.setAttribute("aria-expanded", options.length ? "true" : "false");
    }

    function close() {
      setActive(-1);
      panel.hidden = true;
      input.setAttribute("aria-expanded", "false");
    }

    function announce(text) {
      clearTimeout(announceTimer);
      announceTimer = setTimeout(function () { status.textContent = text; }, 500);
    }

    function setNote(text, linkText) {
      note.textContent = text;
      if (linkText) {
        note.appendChild(document.createTextNode(" "));
        var a = el("a", "", linkText);
        a.href = azHref;
        note.appendChild(a);
      }
    }

    function render(ix, found) {
      setActive(-1);
      options = [];
      clear(listbox);
      var all = found.results;
      all.slice(0, MAX_SHOWN).forEach(function (r, i) {
        var page = ix.pages[r.page];
        var sec = section(ix, r.page, r.section);
        var isGlossary = r.page >= ix.glossary;
        var heading = sec.heading;
        var snippet = sec.snippet;
        var a = el("a", "search-result");
        a.id = listbox.id + "-" + i;
        a.href = href(page[0], sec.id);
        a.tabIndex = -1;
        a.setAttribute("role", "option");
        a.setAttribute("aria-selected", "false");
        var title = el("span", "search-result-title");
        appendMarked(title, page[1], found.matched, found.prefix);
        a.appendChild(title);
        if (isGlossary) {
          var g = el("span", "search-result-section", heading ? "Glossary: " : "Glossary");
          if (heading) appendMarked(g, heading, found.matched, found.prefix);
          a.appendChild(g);
        } else if (heading) {
          var h = el("span", "search-result-section");
          appendMarked(h, heading, found.matched, found.prefix);
          a.appendChild(h);
        }
        if (snippet) {
          var s = el("span", "search-result-snippet");
          appendMarked(s, snippet, found.matched, found.prefix);
          a.appendChild(s);
        }
        a.addEventListener("click", close);
        listbox.appendChild(a);
        options.push(a);
      });
      listbox.hidden = options.length === 0;
      if (all.length === 0) {
        setNote("No pages match. Check the spelling or try other words, or look in", "the A to Z index");
      } else if (all.length > MAX_SHOWN) {
        setNote("Showing the best " + MAX_SHOWN + " of " + all.length + " results.", "Browse all pages A to Z");
      } else {
        setNote("");
      }
      note.hidden = !note.textContent;
      announce(all.length === 0 ? "No results" : all.length === 1 ? "1 result" : all.length + " results");
      panel.hidden = false;
      input.setAttribute("aria-expanded", options.length ? "true" : "false");
    }

    function reset() {
      clearTimeout(announceTimer);
      status.textContent = "";
      close();
      clear(listbox);
      options = [];
      note.hidden = true;
    }

    function update() {
      var q = input.value;
      if (!q.trim()) {
        lastQuery = q;
        reset();
        return;
      }
      var ix = currentIndex();
      if (!ix) {
        if (waiting) return;
        waiting = true;
        load(root + indexPath, function (loaded) {
          waiting = false;
          if (!loaded) failed();
          else if (document.activeElement === input) update();
        });
        return;
      }
      if (q === lastQuery) { open(); return; }
      lastQuery = q;
      var found = search(ix, q);
      if (found.empty) {
        reset(); // nothing to look for yet, such as one letter
        return;
      }
      render(ix, found);
    }

    function failed() {
      options = [];
      clear(listbox);
      listbox.hidden = true;
      setNote("Search is not working here. Press Enter to look in", "the A to Z index");
      note.hidden = false;
      if (input.value.trim()) {
        panel.hidden = false;
        announce("Search is not working here. Press Enter to look in the A to Z index.");
      }
    }

    input.addEventListener("focus", function () {
      load(root + indexPath, function (ix) { if (!ix) failed(); });
      if (input.value.trim()) update();
    });
    input.addEventListener("input", update);
    input.addEventListener("keydown", function (e) {
      if (e.altKey || e.ctrlKey || e.metaKey || e.isComposing) return;
      switch (e.key) {
        case "ArrowDown":
        case "ArrowUp":
          if (!options.length) return;
          e.preventDefault();
          if (panel.hidden) {
            update();
            open();
          }
          var down = e.key === "ArrowDown";
          if (active < 0) setActive(down ? 0 : options.length - 1);
          else setActive((active + (down ? 1 : options.length - 1)) % options.length);
          break;
        case "Enter":
          if (active >= 0 && !panel.hidden) {
            e.preventDefault();
            var target = options[active].href;
            close();
            window.location.assign(target);
          }
          break; // otherwise the form goes to the A to Z index
        case "Escape":
          if (!panel.hidden || input.value) {
            e.preventDefault();
            input.value = "";
            lastQuery = "";
            reset();
          }
          break;
      }
    });
    form.addEventListener("focusout", function (e) {
      if (!e.relatedTarget || !form.contains(e.relatedTarget)) close();
    });
    // A click on a result keeps the focus in the box until the link opens.
    panel.addEventListener("mousedown", function (e) {
      if (e.target.closest && e.target.closest(".search-result")) e.preventDefault();
    });

    // The A to Z page gets ?q= when the form is sent: keep the words in the
    // box there.
    if (!input.value && window.URLSearchParams) {
      var q = new URLSearchParams(window.location.search).get("q");
      if (q) input.value = q;
    }
  }

  /* For tests and for other scripts: the text rules and the search. */
  window.handbookSearch = {
    words: words,
    terms: terms,
    stem: stem,
    headingID: headingID,
    // query returns the results for q from the loaded index, as
    // {url, title, id, heading}.
    query: function (q) {
      var ix = currentIndex();
      if (!ix) return null;
      return search(ix, q).results.map(function (r) {
        var sec = section(ix, r.page, r.section);
        return { url: ix.pages[r.page][0], title: ix.pages[r.page][1], id: sec.id, heading: sec.heading, score: r.score };
      });
    }
  };

  document.querySelectorAll("form.search[data-index]").forEach(enhance);
})();
