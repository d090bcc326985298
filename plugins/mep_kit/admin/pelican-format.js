/* The site's own front-matter format for the browser editor (Decap CMS).
 *
 * Pelican's Markdown metadata: "Key: value" lines, then a blank line, then the body,
 * exactly as `invoke new` writes (plugins/mep_kit/drafts/). Keys are read in lower case
 * (as Pelican does) and written with a capital first letter ("Logo_alt: ..."); lists are
 * written comma-separated; empty fields are left out. Image fields hold the path from the
 * content folder (images/x.png), which is what the schema expects: read as written (Decap
 * finds the file in its media folder by its name), and an image newly chosen in the editor,
 * which Decap names by its public address (/images/x.png), is written as that path too.
 *
 * Also: the preview in the site's stylesheet and markup (the shells index.html holds), and
 * the page's main landmark while Decap shows its login screen.
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

  // ... and in its own markup: the <template data-preview-collection> shells of index.html
  // are the theme's page templates rendered at build time around tokens (mep-preview-title,
  // ...; plugins/mep_kit/preview.py). Each shell is turned into React elements (Decap's
  // preview is a React component), every token replaced by the entry's field as it is typed:
  // the body by Decap's own rendering of the Markdown, an image by the uploaded file; the
  // list item around a list's token is repeated for each of its values.
  var TOKEN = /mep-preview-([a-z_]+)/g;
  var PROPS = { "class": "className", "for": "htmlFor", "tabindex": "tabIndex", "datetime": "dateTime",
                "srcset": "srcSet", "colspan": "colSpan", "rowspan": "rowSpan", "viewbox": "viewBox" };
  var MINUTES = 200;  // words a minute, as plugins/mep_kit/reading_time.py counts
  // The site's language (index.html's data-lang), in which the site says a post's date.
  var LANG = script && script.getAttribute("data-lang") || "en";

  function fieldText(props, name) {
    var data = props.entry.get("data");
    if (name === "locale_date" || name === "date") {
      var raw = data.get("date");
      if (!raw) { return ""; }
      var date = raw instanceof Date ? raw : new Date(String(raw).slice(0, 10) + "T00:00:00Z");
      if (isNaN(date)) { return String(raw); }
      return name === "date" ? date.toISOString().slice(0, 10)
        : date.toLocaleDateString(LANG, { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });
    }
    if (name === "reading_time") {
      var words = String(data.get("body") || "").match(/\w+/g) || [];
      return String(Math.max(1, Math.ceil(words.length / MINUTES)));
    }
    var value = data.get(name);
    if (value && value.toJS) { value = value.toJS(); }
    if (Array.isArray(value)) { return value.join(", "); }
    return value === null || value === undefined ? "" : String(value);
  }

  function listOf(props, name) {
    var value = props.entry.getIn(["data", name]);
    if (value && value.toJS) { value = value.toJS(); }
    if (typeof value === "string") { value = value.split(","); }
    return (value || []).map(function (item) { return String(item).trim(); }).filter(Boolean);
  }

  function fill(text, props, item) {
    return text.replace(TOKEN, function (all, name) {
      return item && item.name === name ? item.value : fieldText(props, name);
    });
  }

  function listToken(node) {
    TOKEN.lastIndex = 0;
    var found = null, match;
    var text = node.textContent;
    while ((match = TOKEN.exec(text))) {
      if (LISTS.indexOf(match[1]) >= 0) { found = match[1]; }
    }
    return found;
  }

  var LISTS = ["services", "tags", "aliases"];

  function build(node, props, key, item) {
    if (node.nodeType === 3) {
      if (node.data.trim() === "mep-preview-body") { return props.widgetFor("body"); }
      return fill(node.data, props, item);
    }
    if (node.nodeType !== 1) { return null; }
    var attributes = { key: key };
    for (var i = 0; i < node.attributes.length; i++) {
      var attribute = node.attributes[i];
      var name = attribute.name.toLowerCase();
      if (name === "style" || name.indexOf("on") === 0) { continue; }
      var value = fill(attribute.value, props, item);
      if (name === "src" && /mep-preview-/.test(attribute.value)) {
        if (!value) { return null; }  // no image chosen: no <img>
        // Decap takes a path that starts with "/" for an address and shows it as such; the
        // file's name alone is looked up in the media folder, where an upload not yet saved
        // is too (as a blob: address), so the preview shows it before it is published.
        var asset = props.getAsset(value.replace(/^.*\//, ""));
        value = asset ? String(asset) : "";  // "" while Decap loads it
      }
      attributes[PROPS[name] || name] = value;
    }
    return window.h.apply(null, [node.localName, attributes].concat(children(node, props, item)));
  }

  function children(node, props, item) {
    var made = [];
    var repeated = {};
    for (var i = 0; i < node.childNodes.length; i++) {
      var child = node.childNodes[i];
      var list = child.nodeType === 1 && child.localName === "li" && !item ? listToken(child) : null;
      if (list) {
        if (repeated[list]) { continue; }  // the shell's second placeholder item
        repeated[list] = true;
        listOf(props, list).forEach(function (value, n) {
          made.push(build(child, props, i + "-" + n, { name: list, value: value }));
        });
      } else {
        made.push(build(child, props, String(i), item));
      }
    }
    return made;
  }

  var shells = document.querySelectorAll("template[data-preview-collection]");
  Array.prototype.forEach.call(shells, function (shell) {
    var root = shell.content.firstElementChild;
    if (!root) { return; }
    window.CMS.registerPreviewTemplate(shell.getAttribute("data-preview-collection"), window.createClass({
      render: function () { return build(root, this.props, "shell"); }
    }));
  });
})();
