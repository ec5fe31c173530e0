// sourced: hover previews for note references. Optional: without this
// script a click, tap or Enter on a reference opens the same preview
// (HTML popover), and Esc or a click outside closes it.
(function () {
  "use strict";
  if (!Object.prototype.hasOwnProperty.call(HTMLElement.prototype, "popover")) return;
  if (!window.matchMedia("(hover: hover)").matches) return;
  var timer = 0;
  var hovered = null;
  function later(fn, ms) {
    clearTimeout(timer);
    timer = setTimeout(fn, ms);
  }
  document.querySelectorAll(".ref-button").forEach(function (button) {
    var pop = document.getElementById(button.getAttribute("popovertarget"));
    if (!pop) return;
    function open() {
      if (pop.matches(":popover-open")) return;
      pop.showPopover({ source: button });
      hovered = pop;
    }
    function close() {
      if (pop.matches(":hover") || button.matches(":hover") || pop.contains(document.activeElement)) return;
      if (hovered === pop && pop.matches(":popover-open")) pop.hidePopover();
      hovered = null;
    }
    button.addEventListener("mouseenter", function () { later(open, 300); });
    button.addEventListener("mouseleave", function () { later(close, 300); });
    pop.addEventListener("mouseleave", function () { later(close, 300); });
    // A click takes over from the hover: no pending hover may reopen or
    // close the note afterwards, and a note the hover already opened stays.
    button.addEventListener("click", function (event) {
      clearTimeout(timer);
      if (hovered === pop && pop.matches(":popover-open")) {
        event.preventDefault();
      }
      hovered = null;
    });
    // Closed by Esc or a click outside: forget any pending hover.
    pop.addEventListener("toggle", function (event) {
      if (event.newState === "closed") {
        clearTimeout(timer);
        if (hovered === pop) hovered = null;
      }
    });
  });
})();
