// The count of a long answer (incluportal.forms.CountedTextarea). Without
// this script the limit is still written under the field; with it, the line
// counts as one types ("1,234 of 10,000 characters"). The line itself is
// not a live region: a screen reader hears the count when it enters the
// field (aria-describedby), and, once a tenth or less is left, a polite
// announcement after a pause in the typing, never at every key.
(function () {
  "use strict";

  var PAUSE = 1200; // ms without a key before the count is announced
  var timers = new WeakMap();

  function fill(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (all, key) {
      return values[key];
    });
  }

  // Numbers as the page's language writes them, thousands always grouped
  // as the server writes the limit ("5 000" in Latvian, where Intl's
  // default leaves four digits ungrouped).
  function groupedNumbers(lang) {
    try {
      return new Intl.NumberFormat(lang, { useGrouping: "always" });
    } catch (error) {
      return new Intl.NumberFormat(lang);
    }
  }

  function counterOf(field) {
    return document.getElementById(field.getAttribute("data-char-limit"));
  }

  function update(field, announce) {
    var box = counterOf(field);
    if (!box) {
      return;
    }
    var limit = parseInt(box.getAttribute("data-limit"), 10);
    var count = field.value.length;
    var number = groupedNumbers(document.documentElement.lang || undefined);
    var near = count >= limit * 0.9;
    box.querySelector("[data-char-text]").textContent = fill(
      box.getAttribute("data-count-text"),
      { count: number.format(count), limit: number.format(limit) }
    );
    box.classList.toggle("is-near", near && count <= limit);
    box.classList.toggle("is-over", count > limit);
    if (!announce) {
      return;
    }
    var live = box.querySelector("[data-char-live]");
    clearTimeout(timers.get(field));
    timers.set(
      field,
      setTimeout(function () {
        if (!near) {
          live.textContent = "";
        } else if (count > limit) {
          live.textContent = fill(box.getAttribute("data-over-text"), {
            over: number.format(count - limit),
          });
        } else {
          live.textContent = fill(box.getAttribute("data-left-text"), {
            left: number.format(limit - count),
          });
        }
      }, PAUSE)
    );
  }

  function start(root) {
    root.querySelectorAll("textarea[data-char-limit]").forEach(function (field) {
      update(field, false);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    start(document);
  });
  // Forms that htmx brings in (a row of the action plan opened for editing).
  document.addEventListener("htmx:load", function (event) {
    start(event.target);
  });
  document.addEventListener("input", function (event) {
    if (event.target.matches && event.target.matches("textarea[data-char-limit]")) {
      update(event.target, true);
    }
  });
})();
