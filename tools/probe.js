// Measures a rendered digest for digest.browser: horizontal overflow and the lowest text
// contrast (WCAG ratio) of visible text against its effective background. Posts the result
// to the parent page, which hosts the digest in an iframe of the width being tested.
(function () {
  function rgb(s) { var m = s.match(/[\d.]+/g); return m ? m.map(Number) : [0,0,0,0]; }
  function lum(c) { var a = c.slice(0,3).map(function (v) { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * a[0] + 0.7152 * a[1] + 0.0722 * a[2]; }
  function bg(el) { while (el) { var c = rgb(getComputedStyle(el).backgroundColor); if (c.length < 4 || c[3] > 0) return c; el = el.parentElement; } return [255,255,255,1]; }
  var worst = 99, where = "";
  var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    var n = walker.currentNode; if (!n.textContent.trim()) continue;
    var el = n.parentElement, st = getComputedStyle(el);
    if (st.display === "none" || st.opacity === "0" || st.maxHeight === "0px" || el.offsetHeight === 0) continue;
    var a = lum(rgb(st.color)), b = lum(bg(el));
    var ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < worst) { worst = ratio; where = n.textContent.trim().slice(0, 40); }
  }
  // headings a screen reader can jump between; right-to-left blocks and how they are aligned
  var headings = document.querySelectorAll("h1, h2, h3, h4").length;
  var rtl = document.querySelectorAll('[dir="rtl"]'), misaligned = 0;
  for (var i = 0; i < rtl.length; i++) {
    var cs = getComputedStyle(rtl[i]);
    if (cs.direction !== "rtl" || (cs.textAlign !== "right" && cs.textAlign !== "start")) misaligned++;
  }
  var out = {scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, minContrast: Math.round(worst * 100) / 100, worstText: where,
             dark: matchMedia("(prefers-color-scheme: dark)").matches, headings: headings, rtl: rtl.length, rtlMisaligned: misaligned};
  parent.postMessage(JSON.stringify(out), "*");
})();
