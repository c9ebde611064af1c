/* BoolaGold hub: the little behaviour the pages need, with everything still working without it.
   - the menu button on a phone opens and closes the navigation;
   - a form with data-confirm asks before a step that cannot be undone (revoke, deactivate);
   - a button with data-copy copies a one-time code to the clipboard.
   No inline scripts anywhere, so a strict Content-Security-Policy can forbid them. */
(function () {
  "use strict";

  function onReady(fn) {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", fn);
    } else {
      fn();
    }
  }

  onReady(function () {
    var toggle = document.querySelector("[data-nav-toggle]");
    var nav = document.getElementById("site-nav");
    if (toggle && nav) {
      // Without this script the menu simply stays open; with it, a phone gets a menu button.
      toggle.hidden = false;
      nav.classList.remove("open");
      toggle.addEventListener("click", function () {
        var open = nav.classList.toggle("open");
        toggle.setAttribute("aria-expanded", open ? "true" : "false");
      });
    }

    document.querySelectorAll("form[data-confirm]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (!window.confirm(form.getAttribute("data-confirm"))) {
          event.preventDefault();
        }
      });
    });

    document.querySelectorAll("button[data-copy]").forEach(function (button) {
      if (!navigator.clipboard) {
        button.hidden = true;
        return;
      }
      button.hidden = false;
      button.addEventListener("click", function () {
        var target = document.getElementById(button.getAttribute("data-copy"));
        if (!target) {
          return;
        }
        navigator.clipboard.writeText(target.textContent.trim()).then(function () {
          button.textContent = "Copied";
        });
      });
    });
  });
})();
