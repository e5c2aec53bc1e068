/* Real Harm — loaded before the theme's script, because it changes how that script uses the
 * network (it must be in place before the theme starts):
 * 1. Search costs nothing until the reader reaches for it: the search index (about 1 MB per
 *    language) and the theme's search worker (12 KB gzipped, a third of the theme's script) are
 *    fetched when the reader opens the search box, not on every page view. A page reached from a
 *    search result (?h=words to highlight) loads them at once, since the theme needs the index
 *    to highlight those words.
 * 2. Marks the page as scripted (class rh-js) so that controls which need JavaScript are laid
 *    out from the first paint, without a layout shift.
 * 3. Material's "stay on page" helper is kept from asking for sitemap.xml beside every page (it
 *    reads each <link rel=alternate> and requests <that page>/sitemap.xml, a 404 on every page
 *    but the home). The i18n plugin already points the language switcher at the same page in
 *    the other language, so the helper has nothing to add.
 */
(function () {
  "use strict";
  /* Scripts run: show the controls that need them (CSS .rh-js-only) from the first paint,
     instead of un-hiding them later and shifting the page. */
  document.documentElement.classList.add("rh-js");
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var searchWanted = /[?&]h=/.test(location.search);
  var waiting = [];
  function wantSearch() {
    if (searchWanted) return;
    searchWanted = true;
    waiting.splice(0).forEach(function (go) { go(); });
  }
  XMLHttpRequest.prototype.open = function (method, url) {
    var path = new URL(String(url), document.baseURI).pathname;
    this.rhSkip = /\/sitemap\.xml$/.test(path);
    this.rhDefer = /\/search\/search_index\.json$/.test(path);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this.rhSkip) return; /* never sent: the helper waits for nothing and stays idle */
    if (this.rhDefer && !searchWanted) {
      var xhr = this, args = arguments;
      waiting.push(function () { send.apply(xhr, args); });
      return;
    }
    return send.apply(this, arguments);
  };
  /* The theme starts its search worker as soon as it runs; it gets a stand-in that starts the
     real worker when search is wanted (or at the theme's first message to it, whichever is
     first) and passes its messages on. Other workers are not touched. */
  var RealWorker = window.Worker;
  if (RealWorker && typeof EventTarget === "function") {
    window.Worker = function (url, options) {
      if (!/\/workers\/search\.[0-9a-f]+\.min\.js$/.test(new URL(String(url), document.baseURI).pathname)) {
        return new RealWorker(url, options);
      }
      var stand = new EventTarget(), real = null;
      function start() {
        if (real) return;
        real = new RealWorker(url, options);
        ["message", "messageerror", "error"].forEach(function (type) {
          real.addEventListener(type, function (event) {
            var copy = type === "error" ? new ErrorEvent("error", { message: event.message })
                                        : new MessageEvent(type, { data: event.data });
            stand.dispatchEvent(copy);
            if (typeof stand["on" + type] === "function") stand["on" + type](copy);
          });
        });
      }
      stand.postMessage = function () {
        if (!real) start();
        real.postMessage.apply(real, arguments);
      };
      stand.terminate = function () { if (real) real.terminate(); };
      if (searchWanted) start(); else waiting.push(start);
      return stand;
    };
  }
  /* the reader reaches for search: focus on the box, its toggle, or Material's shortcuts */
  document.addEventListener("focusin", function (event) {
    if (event.target instanceof Element && event.target.matches(".md-search__input")) wantSearch();
  });
  document.addEventListener("change", function (event) {
    if (event.target instanceof Element && event.target.id === "__search") wantSearch();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "/" || event.key === "s" || event.key === "f") wantSearch();
  }, true);

})();
