/*
 * Review dates, checked on the reader's own date.
 *
 * A page's review banner (partials/review-banner.html) carries the page's
 * next review date in data-review-by="YYYY-MM-DD". The build shows the
 * banner when the date had passed at build time; a copy saved to a file
 * share or printed later cannot know that, so this script compares the
 * date with the reader's own date and shows the banner once it has passed.
 * It also writes the reader's date into the "Uncontrolled when printed"
 * line of the document-control panel.
 *
 * It only toggles the hidden attribute and sets textContent: no HTML is
 * built, nothing is evaluated, and it runs under
 * Content-Security-Policy: default-src 'self'.
 *
 * window.handbookReview.check(date) runs the check as if today were date;
 * tests use it to move the clock.
 */
(function () {
  "use strict";

  var MONTHS = ["January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December"];

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  // isoDay writes the reader's local calendar date as YYYY-MM-DD.
  function isoDay(d) {
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  // nhsDate writes a YYYY-MM-DD date the NHS way: "1 April 2029".
  function nhsDate(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) {
      return "";
    }
    return Number(m[3]) + " " + MONTHS[Number(m[2]) - 1] + " " + m[1];
  }

  function check(now) {
    if (!(now instanceof Date) || isNaN(now.getTime())) {
      now = new Date(Date.now());
    }
    var today = isoDay(now);

    var banners = document.querySelectorAll("[data-review-by]");
    for (var i = 0; i < banners.length; i++) {
      var banner = banners[i];
      var due = banner.getAttribute("data-review-by");
      var text = nhsDate(due);
      // ISO dates compare as strings. Only ever show: a banner the build
      // showed stays, even if the reader's clock is wrong.
      if (text && today > due) {
        var sentence = banner.querySelector("[data-review-text]");
        if (sentence) {
          sentence.textContent = "This page is overdue for review since " + text + ".";
        }
        banner.hidden = false;
      }
    }

    var printed = document.querySelectorAll("[data-printed-on]");
    for (var j = 0; j < printed.length; j++) {
      printed[j].textContent = "Uncontrolled when printed. Printed on " + nhsDate(today) + ".";
    }
    return today;
  }

  window.handbookReview = { check: check };

  function run() {
    check(new Date(Date.now()));
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", run);
  } else {
    run();
  }
  // A page left open for days is printed with the date it is printed on.
  window.addEventListener("beforeprint", run);
})();
