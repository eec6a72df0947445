/*
 * Checklists that remember: a Markdown task list ("- [ ] Get an ID badge")
 * is rendered as disabled checkboxes, readable without JavaScript. This
 * script enables them, keeps each tick in localStorage, shows "3 of 8
 * done" under every list and adds a button to clear the list.
 *
 * Keys are "handbook:<handbook id>:<page path>:<item>", where <item> is a
 * slug of the item's text: over file:// every handbook shares one origin,
 * and renaming one item loses only that item's tick.
 */
(function () {
  "use strict";

  var root = document.documentElement;
  var prefix = "handbook:" + (root.getAttribute("data-handbook") || "handbook") + ":" + (root.getAttribute("data-page") || location.pathname) + ":";

  function storage() {
    try {
      var s = window.localStorage;
      var probe = prefix + "probe";
      s.setItem(probe, "1");
      s.removeItem(probe);
      return s;
    } catch (e) {
      return null;
    }
  }
  var store = storage();

  function load(key) {
    return store ? store.getItem(prefix + key) : null;
  }
  function save(key, ticked) {
    if (store) {
      try {
        store.setItem(prefix + key, ticked ? "1" : "0");
      } catch (e) { /* storage full or blocked: the tick still shows */ }
    }
  }
  function forget(key) {
    if (store) {
      store.removeItem(prefix + key);
    }
  }

  function setUp(list, index) {
    var boxes = list.querySelectorAll("input.checklist-box");
    if (!boxes.length) {
      return;
    }
    var count = document.createElement("p");
    count.className = "checklist-count";
    count.setAttribute("aria-live", "polite");
    count.id = "checklist-count-" + index;
    var reset = document.createElement("button");
    reset.type = "button";
    reset.className = "checklist-reset";
    reset.textContent = "Clear all ticks in this list";
    var footer = document.createElement("div");
    footer.className = "checklist-footer";
    footer.appendChild(count);
    footer.appendChild(reset);
    list.parentNode.insertBefore(footer, list.nextSibling);

    function update() {
      var done = 0;
      for (var i = 0; i < boxes.length; i++) {
        if (boxes[i].checked) {
          done++;
        }
      }
      count.textContent = done + " of " + boxes.length + " done";
      list.classList.toggle("checklist-complete", done === boxes.length);
    }

    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      var key = box.getAttribute("data-item");
      var stored = load(key);
      if (stored === "1") {
        box.checked = true;
      } else if (stored === "0") {
        box.checked = false;
      }
      box.disabled = false;
      box.setAttribute("aria-describedby", count.id);
      box.addEventListener("change", function (event) {
        save(event.target.getAttribute("data-item"), event.target.checked);
        update();
      });
    }
    reset.addEventListener("click", function () {
      for (var j = 0; j < boxes.length; j++) {
        boxes[j].checked = boxes[j].defaultChecked;
        forget(boxes[j].getAttribute("data-item"));
      }
      update();
      if (boxes[0]) {
        boxes[0].focus();
      }
    });
    update();
  }

  var lists = document.querySelectorAll("ul.checklist, ol.checklist");
  for (var n = 0; n < lists.length; n++) {
    setUp(lists[n], n + 1);
  }
})();
