/* Real Harm — loaded before the theme's script, because it changes how that script uses the
 * network (it must be in place before the theme starts):
 * 1. The search index (about 1 MB per language) is fetched only when the reader opens the
 *    search box, not on every page view.
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
  var searchWanted = false;
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
