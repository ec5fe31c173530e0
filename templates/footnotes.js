// sourced: note references. Optional: without it a click, tap or Enter on a
// reference opens its note in place (HTML popover), and Esc or a click
// outside closes it. It adds aria-expanded, closes the note when the focus
// leaves it (so it never hides the next reference, WCAG 2.4.11), before
// printing and when notes move into the margin, and hover previews.
(function () {
  "use strict";
  if (!Object.prototype.hasOwnProperty.call(HTMLElement.prototype, "popover")) return;
  var hover = window.matchMedia("(hover: hover)").matches;
  var timer = 0;
  var hovered = null;
  function later(fn, ms) {
    clearTimeout(timer);
    timer = setTimeout(fn, ms);
  }
  function isOpen(pop) {
    return pop.matches(":popover-open");
  }
  function closeAll() {
    document.querySelectorAll(".note:popover-open").forEach(function (pop) { pop.hidePopover(); });
  }
  window.addEventListener("beforeprint", closeAll);
  // Widened to margin notes (style.css): an open note joins them.
  window.matchMedia("(min-width: 68.75rem)").addEventListener("change", function () { setTimeout(closeAll); });
  document.querySelectorAll(".noteref button").forEach(function (button) {
    var pop = document.getElementById(button.getAttribute("popovertarget"));
    if (!pop) return;
    button.setAttribute("aria-expanded", "false");
    pop.addEventListener("toggle", function (event) {
      var open = event.newState === "open";
      document.querySelectorAll('.noteref button[popovertarget="' + pop.id + '"]').forEach(function (b) {
        b.setAttribute("aria-expanded", String(open && b === opener(pop)));
      });
      if (!open) {
        // Closed by Esc or a click outside: forget any pending hover.
        clearTimeout(timer);
        if (hovered === pop) hovered = null;
      }
    });
    // Focus moving on past the note (Tab) closes it; into it keeps it.
    function focusLeft(event) {
      var to = event.relatedTarget;
      if (!isOpen(pop) || !to || pop.contains(to) || to === button) return;
      pop.hidePopover();
    }
    button.addEventListener("focusout", focusLeft);
    pop.addEventListener("focusout", focusLeft);
    button.addEventListener("click", function () { pop.sourceButton = button; });
    if (!hover) return;
    function open() {
      if (isOpen(pop)) return;
      pop.sourceButton = button;
      pop.showPopover({ source: button });
      hovered = pop;
    }
    function close() {
      if (pop.matches(":hover") || button.matches(":hover") || pop.contains(document.activeElement)) return;
      if (hovered === pop && isOpen(pop)) pop.hidePopover();
      hovered = null;
    }
    button.addEventListener("mouseenter", function () { later(open, 300); });
    button.addEventListener("mouseleave", function () { later(close, 300); });
    pop.addEventListener("mouseleave", function () { later(close, 300); });
    // A click takes over from the hover: no pending hover may reopen or
    // close the note afterwards, and a note the hover already opened stays.
    button.addEventListener("click", function (event) {
      clearTimeout(timer);
      if (hovered === pop && isOpen(pop)) {
        event.preventDefault();
      }
      hovered = null;
    });
  });
  function opener(pop) {
    return pop.sourceButton || document.querySelector('.noteref button[popovertarget="' + pop.id + '"]');
  }
})();
