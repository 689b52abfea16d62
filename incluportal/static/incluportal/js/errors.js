// A refused form: on a new page the error summary takes the focus, so that a
// screen reader reads it out and a keyboard user starts from it; each of its links moves
// the focus to the field in question (not just the scroll position).
(function () {
  "use strict";

  function announce() {
    var summary = document.querySelector("[data-error-summary]:not([data-shown])");
    if (summary) {
      summary.setAttribute("data-shown", "");
      summary.focus();
    }
  }

  document.addEventListener("DOMContentLoaded", announce);
  // A form sent back by htmx with its errors (the action-plan rows) is not
  // given the focus here: its summary is announced as it appears (a live
  // role="alert"), and the server marks the field to correct with autofocus,
  // which htmx focuses.

  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-error-summary] a[href^='#']");
    if (!link) {
      return;
    }
    var field = document.getElementById(link.getAttribute("href").slice(1));
    if (!field) {
      return;
    }
    event.preventDefault();
    // A guiding question folded away in <details> is unfolded first.
    var folded = field.closest("details:not([open])");
    if (folded) {
      folded.open = true;
    }
    var label = document.querySelector("label[for='" + field.id + "']");
    (label || field).scrollIntoView({ block: "center" });
    field.focus({ preventScroll: true });
  });
})();
