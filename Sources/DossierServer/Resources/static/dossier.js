// The only script: link each claim in the side list to its words in the text.
// Hovering or opening a claim in the list lights up its text; clicking a claim in the
// text opens its entry (chain, certainty). The pages work without it.
"use strict";
(function () {
  function parts(index) {
    return document.querySelectorAll('#article-text .claim[data-claim="' + index + '"]');
  }
  function light(index, on) {
    parts(index).forEach(function (el) { el.classList.toggle("active", on); });
    var item = document.querySelector('.claim-item[data-claim="' + index + '"]');
    if (item) item.classList.toggle("active", on);
  }
  document.querySelectorAll(".claim-item").forEach(function (item) {
    var index = item.getAttribute("data-claim");
    item.addEventListener("mouseenter", function () { light(index, true); });
    item.addEventListener("mouseleave", function () { light(index, false); });
    var details = item.querySelector("details");
    if (details) details.addEventListener("toggle", function () {
      light(index, details.open);
      var first = parts(index)[0];
      if (details.open && first) first.scrollIntoView({ block: "nearest", behavior: "smooth" });
    });
  });
  var text = document.getElementById("article-text");
  if (text) text.addEventListener("click", function (event) {
    var claim = event.target.closest ? event.target.closest(".claim") : null;
    if (!claim) return;
    var item = document.querySelector('.claim-item[data-claim="' + claim.getAttribute("data-claim") + '"]');
    if (!item) return;
    var details = item.querySelector("details");
    if (details) details.open = true;
    item.scrollIntoView({ block: "nearest", behavior: "smooth" });
  });
  // Marks a page whose script ran to the end, for the browser test.
  document.documentElement.setAttribute("data-js", "ready");
})();
