// Ask before an irreversible step: <form data-confirm="Are you sure?">.
// (Forms driven by htmx use data-hx-confirm instead.)
document.addEventListener("submit", function (event) {
  var message = event.target.getAttribute("data-confirm");
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});
