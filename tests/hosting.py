"""A local stand-in for a static host: serves a built site and applies its ``_headers``.

Paths in ``_headers`` are matched as Netlify does (``/*`` matches everything; a longer
pattern is more specific and its values replace the broader rule's), so tests see the
same Content-Security-Policy and cache headers a reader of the published site gets.
"""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


def parse_headers_file(text: str) -> list[tuple[str, dict[str, str]]]:
    """``_headers`` as [(path pattern, {header: value})], in file order."""
    rules: list[tuple[str, dict[str, str]]] = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((line.strip(), {}))
        elif not line.strip().startswith("!"):
            name, _, value = line.strip().partition(":")
            rules[-1][1][name.strip()] = value.strip()
    return rules


def headers_for(rules, path: str) -> dict[str, str]:
    """The headers for ``path``: every matching rule, the more specific ones last."""

    def matches(pattern):
        return path.startswith(pattern[:-1]) if pattern.endswith("*") else path == pattern

    chosen: dict[str, str] = {}
    for _pattern, values in sorted((rule for rule in rules if matches(rule[0])), key=lambda rule: len(rule[0])):
        chosen.update(values)
    return chosen


class Host:
    """``with Host(output) as host:`` serves ``output`` at ``host.url`` until the block ends.
    The port is chosen when the object is made, so a site can be built for its URL first."""

    def __init__(self, root: Path):
        self.root = Path(root)
        host = self

        class Handler(SimpleHTTPRequestHandler):
            def end_headers(self):
                headers_file = host.root / "_headers"
                if headers_file.exists():
                    rules = parse_headers_file(headers_file.read_text(encoding="utf-8"))
                    for name, value in headers_for(rules, self.path.split("?")[0]).items():
                        self.send_header(name, value)
                super().end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(self.root)))
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
