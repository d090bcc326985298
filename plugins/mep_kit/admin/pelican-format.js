/* The site's own front-matter format for the browser editor (Decap CMS).
 *
 * Pelican's Markdown metadata: "Key: value" lines, then a blank line, then the body,
 * exactly as `invoke new` writes (plugins/mep_kit/drafts/). Keys are read in lower case
 * (as Pelican does) and written with a capital first letter ("Logo_alt: ..."); lists are
 * written comma-separated; empty fields are left out. Images are shown to the editor at
 * their public address (/images/x.png) and written as the path from the content folder
 * (images/x.png), which is what the schema expects.
 */
(function () {
  "use strict";
  var PUBLIC = "/images/";
  // The order invoke new writes the fields in (from the schema, by the build).
  var script = document.currentScript;
  var ORDER = (script && script.getAttribute("data-order") || "").split(" ").filter(Boolean);

  function rank(name) {
    var at = ORDER.indexOf(name);
    return at < 0 ? ORDER.length : at;
  }

  function fromFile(text) {
    var data = {};
    var lines = String(text).replace(/\r\n?/g, "\n").split("\n");
    var key = null;
    var i = 0;
    for (; i < lines.length; i++) {
      var line = lines[i];
      if (line.trim() === "") { i++; break; }
      var match = /^([A-Za-z][A-Za-z0-9_-]*):\s*(.*)$/.exec(line);
      if (match) {
        key = match[1].toLowerCase();
        data[key] = match[2].trim();
      } else if (key !== null && /^\s/.test(line)) {
        data[key] = (data[key] + " " + line.trim()).trim();  // a continuation line
      } else {
        break;  // no metadata: the whole file is the body
      }
    }
    if (key === null) { i = 0; }
    Object.keys(data).forEach(function (name) {
      if (/^images\/[^\s]+\.[A-Za-z0-9]+$/.test(data[name])) { data[name] = "/" + data[name]; }
    });
    data.body = lines.slice(i).join("\n");
    return data;
  }

  function one(value) {
    if (value instanceof Date) { return value.toISOString().slice(0, 10); }
    var text = String(value).replace(/\s+/g, " ").trim();
    return text.indexOf(PUBLIC) === 0 ? text.slice(1) : text;
  }

  function toFile(data) {
    var lines = [];
    Object.keys(data).sort(function (a, b) { return rank(a) - rank(b); }).forEach(function (name) {
      var value = data[name];
      if (name === "body" || value === null || value === undefined) { return; }
      if (Array.isArray(value)) {
        value = value.map(one).filter(function (item) { return item !== ""; }).join(", ");
      } else {
        value = one(value);
      }
      if (value === "") { return; }
      lines.push(name.charAt(0).toUpperCase() + name.slice(1) + ": " + value);
    });
    var body = String(data.body || "").replace(/^\n+/, "");
    return lines.join("\n") + "\n\n" + body.replace(/\n*$/, "\n");
  }

  window.CMS.registerCustomFormat("pelican", "md", { fromFile: fromFile, toFile: toFile });

  // The page's main landmark (index.html's role="main" wrapper) while Decap shows its login
  // screen, which has none; once Decap renders a <main> of its own (the collections, after
  // sign-in), the wrapper and its heading step aside so that the page keeps exactly one and
  // nothing is left outside a landmark.
  var root = document.getElementById("nc-root");
  var wrapper = root && root.parentElement;
  var title = wrapper && wrapper.querySelector("h1");
  if (wrapper && wrapper.getAttribute("role") === "main") {
    var landmark = function () {
      var own = root.querySelector("main, [role=main]") !== null;
      if (own === wrapper.hasAttribute("role")) {
        if (own) { wrapper.removeAttribute("role"); } else { wrapper.setAttribute("role", "main"); }
        if (title) { title.hidden = own; }
      }
    };
    new MutationObserver(landmark).observe(root, { childList: true, subtree: true });
  }
  // The preview of a post in the site's own stylesheet.
  var style = script && script.getAttribute("data-preview-style");
  if (style) { window.CMS.registerPreviewStyle(style); }
})();
