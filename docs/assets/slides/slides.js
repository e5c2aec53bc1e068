/* Real Harm slides: start reveal.js (a file, not inline code: the site's Content-Security-Policy
   allows no inline script). Add ?notes to the address to show the teacher's notes under each slide. */
(function () {
  var notes = /[?&]notes\b/.test(window.location.search);
  window.Reveal.initialize({
    hash: true, controls: true, progress: true, slideNumber: "c/t", center: false,
    transition: "none", backgroundTransition: "none", showNotes: notes,
    width: 1280, height: 720, margin: 0.04, plugins: [],
    scrollActivationWidth: null  // the same slides on a phone, swiped, not a scrolling page
  });
})();
