// Site search: Pagefind's index (pagefind/, written after every build) queried in the browser.
// The search page works without this script by saying so; every other page loads no script.
const form = document.querySelector("form.search");
const status = document.querySelector(".search__status");
const results = document.querySelector(".search__results");
const input = form.elements.q;

// The script's words, in the site's language, are the status line's data-* attributes, which
// the page has from the kit's catalog (theme/templates/search.html): {query} and {num} are
// filled in as text, and a count's form is the one of its plural category, which the browser
// names (Intl.PluralRules).
const LANG = document.documentElement.lang || "en";

function say(name, values = {}) {
  return (status.dataset[name] || "").replace(/\{(\w+)\}/g, (all, key) => String(values[key]));
}

function howMany(count, query) {
  const category = new Intl.PluralRules(LANG).select(count);
  const name = `results${category[0].toUpperCase()}${category.slice(1)}`;
  return say(name in status.dataset ? name : "resultsOther", { num: new Intl.NumberFormat(LANG).format(count), query });
}

// The page's URL keeps the search (?q=...&kind=Events&service=...), so results can be shared
// and the back button works. Each group of boxes is one Pagefind filter: "kind" (events,
// marked on each event page) and "service" (the service lines a case study or event names).
const FILTERS = ["kind", "service"];

function readQuery(first = false) {
  const params = new URLSearchParams(window.location.search);
  // On arrival with nothing in the address, keep what the reader typed or ticked while the
  // script was loading (the form is there from the first paint).
  if (first && !window.location.search) return;
  input.value = params.get("q") || "";
  for (const name of FILTERS) {
    const chosen = params.getAll(name);
    for (const box of form.querySelectorAll(`input[name="${name}"]`)) {
      box.checked = chosen.includes(box.value);
    }
  }
}

function chosen(name) {
  return [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((box) => box.value);
}

function show(items, query) {
  results.replaceChildren(...items.map(({ url, meta, excerpt }) => {
    const item = document.createElement("li");
    item.className = "search__result";
    const heading = document.createElement("h2");
    heading.className = "search__result-title";
    const link = document.createElement("a");
    link.href = url;
    link.textContent = meta.title || url;
    heading.append(link);
    item.append(heading);
    // The client and date, from the page's data-pagefind-meta attributes (case studies,
    // articles and events: an event's date is when it takes place), as text.
    const details = [meta.client, meta.date].filter(Boolean);
    if (details.length) {
      const line = document.createElement("p");
      line.className = "search__meta";
      line.textContent = details.join(" · ");
      item.append(line);
    }
    if (excerpt) {
      const text = document.createElement("p");
      text.className = "search__excerpt";
      text.innerHTML = excerpt; // Pagefind escapes the page text and marks the matches
      item.append(text);
    }
    return item;
  }));
  const count = items.length;
  status.textContent = count ? howMany(count, query) : say("none", { query });
}

async function main() {
  const bundle = new URL(form.dataset.pagefind, document.baseURI);
  const pagefind = await import(bundle.href);
  // Result URLs are relative to the folder holding the site, wherever it is hosted.
  await pagefind.options({ baseUrl: new URL("..", bundle).pathname });

  async function run() {
    const query = input.value.trim();
    const filters = {};
    for (const name of FILTERS) {
      const values = chosen(name);
      if (values.length) filters[name] = { any: values };
    }
    const labels = Object.values(filters).flatMap((filter) => filter.any);
    if (!query && !labels.length) {
      results.replaceChildren();
      status.textContent = "";
      return;
    }
    status.textContent = say("searching");
    const search = await pagefind.search(query || null, { filters });
    const items = await Promise.all(search.results.slice(0, 20).map((result) => result.data()));
    show(items, query || labels.join(", "));
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const params = new URLSearchParams(new FormData(form));
    window.history.pushState(null, "", `?${params}`);
    run();
  });
  window.addEventListener("popstate", () => { readQuery(); run(); });
  readQuery(true);
  await run();
}

main().catch((error) => {
  status.textContent = say("failed");
  console.error(error);
});
