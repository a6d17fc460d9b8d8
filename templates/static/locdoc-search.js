// locdoc search page: queries the Pagefind index of this page's language
// (built by `locdoc build`) and lists the results. Results are written with
// textContent only: nothing from the index is parsed as HTML into the page.
const cfg = document.getElementById("search-config");
const input = document.getElementById("search-q");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");

const lang = cfg.dataset.lang || document.documentElement.lang;
// Letters Pagefind does not fold into a plain one (they do not decompose):
// a query is also run with each of them swapped, so `isik` finds `ışık`
// and `lacze` finds `łącze`.
const PAIRS = { tr: [["ı", "i"]], pl: [["ł", "l"]] };
const MAX_VARIANTS = 16;

export function variants(q) {
  let lower;
  try { lower = q.toLocaleLowerCase(lang); } catch (e) { lower = q.toLowerCase(); }
  let out = [lower];
  for (const [special, plain] of PAIRS[lang.split("-")[0].toLowerCase()] || []) {
    const next = [];
    for (const v of out) {
      const chars = [...v];
      const pos = chars.map((c, i) => (c === special || c === plain ? i : -1)).filter((i) => i >= 0).slice(0, 4);
      for (let mask = 0; mask < 1 << pos.length; mask++) {
        const c = chars.slice();
        pos.forEach((p, k) => { c[p] = (mask >> k) & 1 ? special : plain; });
        next.push(c.join(""));
      }
    }
    out = next;
  }
  return [...new Set([lower, ...out])].slice(0, MAX_VARIANTS);
}

// Pagefind's excerpts hold escaped text and <mark> tags. The text between
// the tags is decoded by a <textarea>, which parses nothing but character
// references: no element is ever made from it.
const decoder = document.createElement("textarea");
function decode(s) {
  decoder.innerHTML = s;
  return decoder.value;
}
function appendExcerpt(el, excerpt) {
  let marked = false;
  for (const part of String(excerpt || "").split(/(<mark>|<\/mark>)/)) {
    if (part === "<mark>") { marked = true; continue; }
    if (part === "</mark>") { marked = false; continue; }
    const text = decode(part);
    if (marked) {
      const m = document.createElement("mark");
      m.textContent = text;
      el.append(m);
    } else {
      el.append(text);
    }
  }
}

let pagefind = null;
async function load() {
  if (!pagefind) {
    pagefind = await import(new URL(cfg.dataset.bundle + "pagefind.js", document.baseURI).href);
    await pagefind.options({ excerptLength: 24 });
    pagefind.init();
  }
  return pagefind;
}

let seq = 0;
async function run(q) {
  const mine = ++seq;
  q = q.trim();
  try {
    const url = new URL(location.href);
    if (q) url.searchParams.set("q", q); else url.searchParams.delete("q");
    history.replaceState(null, "", url);
  } catch (e) { /* ignore */ }
  if (!q) {
    list.replaceChildren();
    status.textContent = "";
    return;
  }
  status.textContent = cfg.dataset.loading;
  let pf;
  try {
    pf = await load();
  } catch (e) {
    status.textContent = cfg.dataset.unavailable;
    return;
  }
  const found = await Promise.all(variants(q).map((v) => pf.search(v)));
  if (mine !== seq) return;
  const best = new Map();
  for (const r of found.flatMap((f) => (f && f.results) || [])) {
    const seen = best.get(r.id);
    if (!seen || r.score > seen.score) best.set(r.id, r);
  }
  const top = [...best.values()].sort((a, b) => b.score - a.score).slice(0, 30);
  const data = await Promise.all(top.map((r) => r.data()));
  if (mine !== seq) return;
  const items = data.map((d) => {
    const li = document.createElement("li");
    const a = document.createElement("a");
    a.href = d.url;
    a.textContent = (d.meta && d.meta.title) || d.url;
    const p = document.createElement("p");
    p.className = "excerpt";
    appendExcerpt(p, d.excerpt);
    li.append(a, p);
    return li;
  });
  list.replaceChildren(...items);
  status.textContent = best.size
    ? cfg.dataset.results.replace("{count}", String(best.size))
    : cfg.dataset.none;
}

let timer = 0;
input.addEventListener("input", () => {
  clearTimeout(timer);
  timer = setTimeout(() => run(input.value), 150);
});
input.form.addEventListener("submit", (e) => {
  e.preventDefault();
  clearTimeout(timer);
  run(input.value);
});
const initial = new URLSearchParams(location.search).get("q");
if (initial) {
  input.value = initial;
  run(initial);
}
