// reportlint review page: selection, filters and keyboard navigation.
// Reads the page only through classes, data attributes and textContent.
(function () {
  "use strict";
  var root = document.documentElement;
  var main = document.getElementById("docs");
  var where = document.getElementById("where");
  var list = document.querySelectorAll("#findings li.fi");
  var items = []; // by finding index, i.e. in document order
  for (var n = 0; n < list.length; n++) items[+list[n].getAttribute("data-i")] = list[n];
  var order = items.filter(Boolean);
  var current = -1;
  var lit = [];

  function hidden(li) {
    return root.classList.contains("hide-r" + li.getAttribute("data-r")) ||
      root.classList.contains("hide-s-" + li.getAttribute("data-s"));
  }

  function light(collection, cls) {
    for (var k = 0; k < collection.length; k++) {
      collection[k].classList.add(cls);
      lit.push([collection[k], cls]);
    }
  }

  function clear() {
    for (var k = 0; k < lit.length; k++) {
      lit[k][0].classList.remove(lit[k][1]);
      if (lit[k][1] === "tag") lit[k][0].removeAttribute("data-tag");
    }
    lit = [];
    if (current >= 0 && items[current]) {
      items[current].classList.remove("sel");
      items[current].querySelector(".detail").hidden = true;
    }
    current = -1;
    where.textContent = "共 " + order.length + " 处";
  }

  function select(i, scroll) {
    var li = items[i];
    if (!li) return;
    clear();
    current = i;
    li.classList.add("sel");
    li.querySelector(".detail").hidden = false;
    for (var d = li.parentElement; d; d = d.parentElement) {
      if (d.tagName === "DETAILS") d.open = true;
    }
    light(document.getElementsByClassName("p" + i), "cur");
    light(document.getElementsByClassName("o" + i), "cur-l");
    var labels = li.querySelectorAll(".labels a[data-j]");
    for (var k = 0; k < labels.length; k++) {
      var a = document.getElementById("f" + i + "-l" + labels[k].getAttribute("data-j"));
      if (a) {
        a.setAttribute("data-tag", labels[k].textContent);
        a.classList.add("tag");
        lit.push([a, "tag"]);
      }
    }
    where.textContent = "第 " + (order.indexOf(li) + 1) + " / " + order.length + " 处";
    if (scroll) {
      var target = document.getElementById("f" + i);
      if (target) target.scrollIntoView({ block: "center" });
      li.scrollIntoView({ block: "nearest" });
    }
    if (history.replaceState) history.replaceState(null, "", "#f" + i);
  }

  function step(dir) {
    if (!order.length) return;
    var at = current >= 0 ? order.indexOf(items[current]) : (dir > 0 ? -1 : order.length);
    for (var k = 1; k <= order.length; k++) {
      var j = at + dir * k;
      if (j < 0 || j >= order.length) break;
      if (!hidden(order[j])) {
        select(+order[j].getAttribute("data-i"), true);
        return;
      }
    }
  }

  document.getElementById("next").addEventListener("click", function () { step(1); });
  document.getElementById("prev").addEventListener("click", function () { step(-1); });

  document.getElementById("findings").addEventListener("click", function (e) {
    var go = e.target.closest("a.go");
    if (go) {
      e.preventDefault();
      select(+go.parentElement.getAttribute("data-i"), true);
    }
  });

  main.addEventListener("click", function (e) {
    var m = e.target.closest("mark");
    if (!m) return;
    var f = m.getAttribute("data-f");
    if (f === null) f = m.getAttribute("data-l");
    if (f === null || !items[+f]) return;
    select(+f, false);
    items[+f].scrollIntoView({ block: "nearest" });
  });

  var boxes = document.querySelectorAll("input[data-hide]");
  for (var b = 0; b < boxes.length; b++) {
    boxes[b].addEventListener("change", function (e) {
      root.classList.toggle("hide-" + e.target.getAttribute("data-hide"), !e.target.checked);
      if (current >= 0 && hidden(items[current])) clear();
      var shown = 0;
      for (var k = 0; k < order.length; k++) if (!hidden(order[k])) shown++;
      if (current < 0) where.textContent = "显示 " + shown + " / " + order.length + " 处";
    });
  }

  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    if (t && (t.isContentEditable || /^(TEXTAREA|SELECT)$/.test(t.tagName) ||
        (t.tagName === "INPUT" && t.type !== "checkbox"))) return;
    if (e.key === "j" || e.key === "n") { step(1); e.preventDefault(); }
    else if (e.key === "k" || e.key === "p") { step(-1); e.preventDefault(); }
    else if (e.key === "Escape") { clear(); }
  });

  function fromHash() {
    var m = /^#f(\d+)$/.exec(location.hash);
    if (m && items[+m[1]]) select(+m[1], true);
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();
  root.setAttribute("data-ready", String(order.length));
})();
