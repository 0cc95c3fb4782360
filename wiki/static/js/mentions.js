// Completion of @mentions in comment boxes: type "@" and part of a name, pick one, and
// "@[Full name]" is inserted. Names come from the textarea's data-mention-members attribute
// (one per line). No inline script, no build step; without JavaScript, type @[Full name].
(function () {
  "use strict";
  var MAX_SHOWN = 8;
  var TRIGGER = /(^|[\s(])@\[?([^\]\n@]{0,40})$/;

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function attach(textarea, index) {
    var names = textarea.getAttribute("data-mention-members").split("\n").filter(Boolean);
    var list = document.createElement("ul");
    var listId = "mention-list-" + index;
    var active = -1;
    var start = -1;
    list.id = listId;
    list.className = "mention-list";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    textarea.insertAdjacentElement("afterend", list);
    textarea.setAttribute("aria-autocomplete", "list");
    textarea.setAttribute("aria-controls", listId);
    textarea.setAttribute("aria-expanded", "false");

    function close() {
      list.hidden = true;
      list.textContent = "";
      active = -1;
      textarea.setAttribute("aria-expanded", "false");
      textarea.removeAttribute("aria-activedescendant");
    }

    function highlight(position) {
      var items = list.children;
      if (!items.length) { return; }
      active = (position + items.length) % items.length;
      for (var i = 0; i < items.length; i++) {
        var on = i === active;
        items[i].setAttribute("aria-selected", on ? "true" : "false");
      }
      textarea.setAttribute("aria-activedescendant", items[active].id);
    }

    function pick(name) {
      var caret = textarea.selectionStart;
      var before = textarea.value.slice(0, start);
      var after = textarea.value.slice(caret).replace(/^[^\s\]]*\]?/, "");
      var inserted = "@[" + name + "] ";
      textarea.value = before + inserted + after;
      textarea.selectionStart = textarea.selectionEnd = before.length + inserted.length;
      close();
      textarea.focus();
    }

    function update() {
      var caret = textarea.selectionStart;
      var match = TRIGGER.exec(textarea.value.slice(0, caret));
      if (!match) { close(); return; }
      start = caret - match[0].length + match[1].length;
      var wanted = fold(match[2].trim());
      var found = names.filter(function (name) { return fold(name).indexOf(wanted) !== -1; });
      list.textContent = "";
      found.slice(0, MAX_SHOWN).forEach(function (name, i) {
        var item = document.createElement("li");
        item.id = listId + "-" + i;
        item.setAttribute("role", "option");
        item.textContent = name;
        item.addEventListener("mousedown", function (event) {
          event.preventDefault();
          pick(name);
        });
        list.appendChild(item);
      });
      if (!found.length) { close(); return; }
      list.hidden = false;
      textarea.setAttribute("aria-expanded", "true");
      highlight(0);
    }

    textarea.addEventListener("input", update);
    textarea.addEventListener("blur", close);
    textarea.addEventListener("keydown", function (event) {
      if (list.hidden) { return; }
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        highlight(active + (event.key === "ArrowDown" ? 1 : -1));
      } else if ((event.key === "Enter" || event.key === "Tab") && active >= 0) {
        event.preventDefault();
        pick(list.children[active].textContent);
      } else if (event.key === "Escape") {
        event.preventDefault();
        close();
      }
    });
  }

  var boxes = document.querySelectorAll("textarea[data-mention-members]");
  for (var i = 0; i < boxes.length; i++) { attach(boxes[i], i); }
})();
