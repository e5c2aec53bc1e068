/* Real Harm — the site's only script of its own. It makes no network request. The only thing it
 * stores is the learner's own progress (pages visited, quiz answers), in this browser's
 * localStorage, which the "Forget my progress" button on the Learn page deletes.
 * 1. Quick exit (click, or Escape pressed twice): replaces this page with a neutral site.
 * 2. Quizzes: check an answer, show feedback for the option chosen.
 * (Network behaviour of the theme is adjusted by early.js, which loads before the theme.)
 */
(function () {
  "use strict";

  /* 1. Quick exit */
  function quickExit(event) {
    var link = document.querySelector("[data-rh-exit]");
    if (!link) return;
    if (event) event.preventDefault();
    document.body.style.display = "none";
    window.location.replace(link.href);
  }
  var lastEscape = 0;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var now = Date.now();
    if (now - lastEscape < 800) quickExit(event);
    lastEscape = now;
  });
  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target.closest("[data-rh-exit]") : null;
    if (target) quickExit(event);
  });
  /* With search open on a narrow screen, the search box stops before the quick exit (CSS): it
     needs the button's width, which depends on the language. */
  function setExitSpace(width) {
    if (width) document.documentElement.style.setProperty("--rh-exit-space", (Math.ceil(width) + 8) + "px");
  }
  /* A ResizeObserver reports the width after the browser has laid the page out anyway (and again
     when the width changes): reading offsetWidth while the page is being set up would force a
     layout of the whole page before its first frame, the longest task on a phone. */
  function watchExit() {
    var link = document.querySelector("[data-rh-exit]");
    if (!link) return;
    if (window.ResizeObserver) {
      new ResizeObserver(function (entries) {
        var box = entries[0].borderBoxSize && entries[0].borderBoxSize[0];
        setExitSpace(box ? box.inlineSize : link.offsetWidth);
      }).observe(link);
      return;
    }
    var measure = function () { setExitSpace(link.offsetWidth); };
    window.addEventListener("resize", measure, { passive: true });
    window.requestAnimationFrame(function () { window.setTimeout(measure, 0); });
  }

  /* 2. Quizzes */
  function setupQuestion(fieldset, index) {
    var button = fieldset.querySelector(".rh-q__check");
    var status = fieldset.querySelector(".rh-q__status");
    var answers = fieldset.querySelector(".rh-q__answers");
    var inputs = Array.prototype.slice.call(fieldset.querySelectorAll("input"));
    var whys = Array.prototype.slice.call(fieldset.querySelectorAll(".rh-q__answers li .rh-q__why"));
    if (!button || !status) return;
    if (answers) answers.open = false;
    button.addEventListener("click", function () {
      var chosen = inputs.filter(function (i) { return i.checked; });
      if (!chosen.length) { status.textContent = status.dataset.pickFirst; return; }
      var right = inputs.every(function (i) { return i.checked === (i.dataset.correct === "true"); });
      inputs.forEach(function (input, n) {
        var fb = document.getElementById(input.id + "-fb");
        if (!fb) return;
        if (input.checked) {
          fb.innerHTML = whys[n] ? whys[n].innerHTML : "";
          fb.hidden = false;
          fb.className = "rh-q__feedback " + (input.dataset.correct === "true" ? "is-right" : "is-wrong");
        } else {
          fb.hidden = true;
        }
      });
      status.textContent = right ? status.dataset.correct : status.dataset.incorrect;
      fieldset.dataset.answered = right ? "right" : "wrong";
      if (answers && right) answers.open = true;
      document.dispatchEvent(new CustomEvent("rh:quiz-answer", { detail: { id: fieldset.id, number: index + 1, right: right } }));
    });
  }

  /* 4. Help finder: copies the steps and the service cards that fit from the page (the cards
     are in <noscript>, which the browser keeps as text when scripts run); stores and sends
     nothing. */
  function setupFinder() {
    var form = document.getElementById("rh-finder");
    if (!form) return;
    var results = document.getElementById("rh-finder-results");
    var list = document.getElementById("rh-finder-list");
    var steps = document.getElementById("rh-finder-steps");
    var none = document.getElementById("rh-finder-none");
    function copyWithoutIds(node) {
      var copy = node.cloneNode(true);
      Array.prototype.forEach.call(copy.querySelectorAll("[id]"), function (el) { el.removeAttribute("id"); });
      Array.prototype.forEach.call(copy.querySelectorAll(".headerlink"), function (el) { el.remove(); });
      copy.removeAttribute("id");
      return copy;
    }
    var cards = null;
    function serviceCards() {
      if (!cards) {
        var parsed = document.createElement("template");
        parsed.innerHTML = document.getElementById("rh-finder-cards").textContent;
        cards = parsed.content.querySelectorAll(".rh-service");
      }
      return cards;
    }
    /* Quick choices: one button per age and situation, shown once a country is chosen; the
       country can come from the address (#country-it, the anchor of that country's services in
       the list below, which the home page links to). */
    var quick = document.getElementById("rh-finder-quick");
    function showQuick() { if (quick) quick.hidden = !form.elements.country.value; }
    function countryFromAddress() {
      var match = /^#country-([a-z]{2})$/.exec(window.location.hash);
      if (!match) return;
      var code = match[1].toUpperCase();
      var select = form.elements.country;
      if (!Array.prototype.some.call(select.options, function (o) { return o.value === code; })) return;
      select.value = code;
      showQuick();
      /* the next tap is one of the quick choices: bring them into view, with their question */
      if (quick) quick.scrollIntoView({ block: "start" });
    }
    form.elements.country.addEventListener("change", showQuick);
    if (quick) {
      Array.prototype.forEach.call(quick.querySelectorAll("button[data-age]"), function (button) {
        button.addEventListener("click", function () {
          form.elements.age.value = button.dataset.age;
          form.elements.situation.value = button.dataset.situation;
          if (form.requestSubmit) form.requestSubmit(); else form.dispatchEvent(new Event("submit", { cancelable: true }));
        });
      });
    }
    countryFromAddress();
    window.addEventListener("hashchange", countryFromAddress);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var country = form.elements.country.value;
      var age = form.elements.age.value;
      var situation = form.elements.situation.value;
      if (!country) { form.elements.country.focus(); return; }
      steps.textContent = "";
      Array.prototype.forEach.call(document.querySelectorAll(".rh-steps"), function (block) {
        if (block.dataset.situation === situation || (block.dataset.age && block.dataset.age === age)) {
          steps.appendChild(copyWithoutIds(block));
        }
      });
      list.textContent = "";
      var shown = 0;
      Array.prototype.forEach.call(serviceCards(), function (card) {
        var where = card.dataset.country;
        var ages = card.dataset.ages.split(" ");
        var sits = card.dataset.situations.split(" ");
        var fits = (where === country || where === "INT") && ages.indexOf(age) !== -1 &&
          (sits.indexOf(situation) !== -1 || (age === "under18" && sits.indexOf("minor") !== -1));
        if (!fits) return;
        var item = document.createElement("li");
        item.dataset.id = card.dataset.id;
        var copy = copyWithoutIds(card);
        copy.className = "rh-finder__card";
        item.appendChild(copy);
        list.appendChild(item);
        shown += 1;
      });
      none.hidden = shown > 0;
      results.hidden = false;
      results.focus();
    });
  }
  /* 5. Material scrolls the sidebar to the current page and can leave the first link half
     hidden under the sidebar's top edge: a target too small to hit (WCAG 2.2, 2.5.8).
     Scroll back just enough to show it whole. */
  function alignSidebars() {
    Array.prototype.forEach.call(document.querySelectorAll(".md-sidebar__scrollwrap"), function (wrap) {
      var edge = wrap.getBoundingClientRect().top;
      var top = edge;
      /* section titles stuck to the top cover the links scrolled under them */
      Array.prototype.forEach.call(wrap.querySelectorAll(".md-nav__container, .md-nav__title, label"), function (el) {
        if (window.getComputedStyle(el).position !== "sticky") return;
        var box = el.getBoundingClientRect();
        if (box.height > 0 && box.top <= top + 1 && box.bottom > top) top = box.bottom;
      });
      var links = wrap.querySelectorAll("a.md-nav__link");
      for (var i = 0; i < links.length; i++) {
        var box = links[i].getBoundingClientRect();
        if (links[i].closest(".md-nav__container")) continue;
        if (box.height === 0 || box.bottom <= edge) continue;
        if (box.top < top) wrap.scrollTop -= Math.ceil(top - box.top);
        break;
      }
    });
  }

  /* 6. Curriculum map: filter the lesson table by age band, module and DigComp competence. */
  function setupCurriculumMap() {
    var filters = document.getElementById("rh-map-filter");
    var table = document.getElementById("rh-map");
    if (!filters || !table) return;
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var count = document.getElementById("rh-map-count");
    var age = document.getElementById("rh-map-age");
    var mod = document.getElementById("rh-map-module");
    var comp = document.getElementById("rh-map-digcomp");
    function apply() {
      var shown = 0;
      rows.forEach(function (row) {
        var ok = (!age.value || row.dataset.age === age.value) &&
          (!mod.value || row.dataset.module === mod.value) &&
          (!comp.value || row.dataset.digcomp.split(" ").indexOf(comp.value) !== -1);
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      count.textContent = count.dataset.template.replace("{shown}", shown).replace("{total}", rows.length);
    }
    [age, mod, comp].forEach(function (select) { select.addEventListener("change", apply); });
    apply();
  }

  /* 7. Self-study progress, kept only in this browser. */
  /* Answers are kept per module and per question number ({"quiz": {"1": {"3": true}}}): a module
     has the same questions, in the same order, in every language, so answering it in English and
     then in Italian counts each question once. Earlier versions kept them under each language's
     own question id ("q087ad719-3", the number after the dash): read back by that number. */
  var STORE = "realharm.progress.v1";
  function normalise(data) {
    var clean = { visited: {}, quiz: {}, total: {} };
    if (!data || typeof data !== "object") return clean;
    ["visited", "total"].forEach(function (part) {
      if (data[part] && typeof data[part] === "object") clean[part] = data[part];
    });
    Object.keys(data.quiz && typeof data.quiz === "object" ? data.quiz : {}).forEach(function (m) {
      var answers = data.quiz[m], kept = {};
      Object.keys(answers && typeof answers === "object" ? answers : {}).forEach(function (key) {
        var number = /^\d+$/.test(key) ? key : (/^q[0-9a-f]+-(\d+)$/.exec(key) || [])[1];
        if (!number) return; /* not a question of ours: ignored */
        kept[number] = kept[number] === true || answers[key] === true;
      });
      clean.quiz[m] = kept;
    });
    return clean;
  }
  function readProgress() {
    try { return normalise(JSON.parse(window.localStorage.getItem(STORE))); }
    catch (e) { return normalise(null); }
  }
  function writeProgress(data) {
    try { window.localStorage.setItem(STORE, JSON.stringify(data)); } catch (e) { /* storage off: no progress */ }
  }
  function moduleStats(data, m) {
    var answers = data.quiz[m] || {};
    var total = data.total[m] || 0;
    var ids = Object.keys(answers).filter(function (n) { return !total || Number(n) <= total; });
    var right = ids.filter(function (id) { return answers[id]; }).length;
    return { visited: !!data.visited[m], answered: ids.length, right: right, total: total,
             complete: total > 0 && ids.length >= total };
  }
  function trackLearnerPage() {
    var meta = document.querySelector('meta[name="rh-learner-module"]');
    if (!meta) return;
    var m = meta.content;
    var data = readProgress();
    data.visited[m] = true;
    data.total[m] = document.querySelectorAll(".rh-q").length;
    writeProgress(data);
    document.addEventListener("rh:quiz-answer", function (event) {
      var fresh = readProgress();
      fresh.quiz[m] = fresh.quiz[m] || {};
      fresh.quiz[m][String(event.detail.number)] = event.detail.right;
      writeProgress(fresh);
    });
  }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }
  function showProgress() {
    var box = document.getElementById("rh-progress");
    if (!box) return;
    var items = Array.prototype.slice.call(document.querySelectorAll("[data-rh-progress]"));
    var data = readProgress();
    var visited = 0, done = 0;
    items.forEach(function (span) {
      var st = moduleStats(data, span.dataset.rhProgress);
      if (st.visited) visited += 1;
      if (st.complete) done += 1;
      span.textContent = !st.visited ? box.dataset.notStarted :
        st.answered ? fill(box.dataset.quiz, st) : box.dataset.visited;
      span.className = "rh-modules__progress" + (st.complete ? " is-complete" : st.visited ? " is-started" : "");
    });
    document.getElementById("rh-progress-summary").textContent =
      fill(box.dataset.summary, { visited: visited, done: done, total: items.length });
    box.hidden = false;
    var cert = document.getElementById("rh-certificate");
    if (cert) cert.hidden = !(items.length && done === items.length);
  }
  function setupProgressPage() {
    var box = document.getElementById("rh-progress");
    if (!box) return;
    showProgress();
    document.getElementById("rh-forget").addEventListener("click", function () {
      try { window.localStorage.removeItem(STORE); } catch (e) { /* nothing stored */ }
      showProgress();
      document.getElementById("rh-progress-summary").focus();
    });
    var form = document.getElementById("rh-certificate-form");
    if (!form) return;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var name = form.elements.learner.value.trim();
      if (!name) { form.elements.learner.focus(); return; }
      var out = document.getElementById("rh-certificate-output");
      out.querySelector("[data-rh-cert-name]").textContent = name;
      out.querySelector("[data-rh-cert-date]").textContent =
        new Date().toLocaleDateString(document.documentElement.lang, { year: "numeric", month: "long", day: "numeric" });
      out.hidden = false;
      printPart(document.getElementById("rh-certificate"));
    });
  }

  /* 8. Print one part of a page on its own: the incident checklist ("Print this checklist"
     buttons, data-rh-print) and the learner's certificate. */
  function printPart(part) {
    if (!part) return;
    part.classList.add("rh-print-target");
    document.body.classList.add("rh-print-part");
    window.print();
  }
  function setupPartPrinting() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-rh-print]"), function (button) {
      button.addEventListener("click", function () { printPart(document.getElementById(button.dataset.rhPrint)); });
    });
    window.addEventListener("afterprint", function () {
      document.body.classList.remove("rh-print-part");
      Array.prototype.forEach.call(document.querySelectorAll(".rh-print-target"), function (el) {
        el.classList.remove("rh-print-target");
      });
    });
  }

  function init() {
    watchExit();
    setupPartPrinting();
    trackLearnerPage();
    setupProgressPage();
    setupCurriculumMap();
    /* Measuring the sidebars forces a layout: wait until the first frame is drawn, when the
       layout is done anyway, rather than measuring while the page is still being set up. On a
       phone no sidebar shows until the menu opens: align the menu then, not at load. */
    if (window.matchMedia("(min-width: 60em)").matches) {
      window.requestAnimationFrame(function () { window.setTimeout(alignSidebars, 0); });
    }
    var drawer = document.getElementById("__drawer");
    if (drawer) drawer.addEventListener("change", function () {
      if (drawer.checked) window.requestAnimationFrame(alignSidebars);
    });
    /* Material scrolls the sidebar shortly after load: align after its scroll */
    Array.prototype.forEach.call(document.querySelectorAll(".md-sidebar__scrollwrap"), function (wrap) {
      wrap.addEventListener("scroll", function () {
        if (performance.now() < 4000) window.requestAnimationFrame(alignSidebars);
      }, { passive: true });
    });
    setupFinder();
    Array.prototype.forEach.call(document.querySelectorAll(".rh-q"), setupQuestion);
  }
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll(".rh-q__answers"), function (d) { d.open = true; });
  });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
