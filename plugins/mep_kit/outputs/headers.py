"""HTTP headers shipped with the site: ``_headers`` for Netlify and Cloudflare Pages, and the
same Content-Security-Policy as a ``<meta>`` element for hosts that cannot set headers
(GitHub Pages, a bucket without a CDN rule).

The policy allows nothing inline: no ``<script>`` with code, no ``style`` attribute, no
``on...=`` handler; scripts, styles, images and fetches come from the site itself only.
``'wasm-unsafe-eval'`` lets the search page compile Pagefind's WebAssembly; it does not
allow ``eval`` of JavaScript. The theme is written to satisfy the policy, and the browser
tests load every kind of page under it and fail on any violation.

Caching: files under ``theme/assets/`` have a content hash in their names (see
``WEBASSETS_CONFIG``), so they may be cached for a year; everything else, HTML first,
must be revalidated on every visit so a new build shows at once. Netlify serves a path the
header value of its most specific rule; Cloudflare Pages joins the values of every rule
that matches, so for it (``HEADERS_HOST = "cloudflare-pages"``) the asset rule first
detaches the site-wide ``Cache-Control`` with ``! Cache-Control``, syntax Netlify rejects.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..core.errors import ContentError, Problem

HOSTS = ("netlify", "cloudflare-pages")
#: The defaults of the CONTENT_SECURITY_POLICY and SECURITY_HEADERS settings.
CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    "script-src": "'self' 'wasm-unsafe-eval'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
SECURITY_HEADERS = {
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
#: Directives a <meta> policy cannot carry (browsers ignore them there, with a warning).
HEADER_ONLY = {"frame-ancestors", "report-uri", "sandbox"}
SHORT_CACHE = "public, max-age=0, must-revalidate"
LONG_CACHE = "public, max-age=31536000, immutable"


def policy(directives: Mapping[str, str], for_meta: bool = False) -> str:
    """``{"default-src": "'self'", ...}`` as a Content-Security-Policy value."""
    parts = []
    for name, value in directives.items():
        if for_meta and name in HEADER_ONLY:
            continue
        parts.append(f"{name} {value}".strip())
    return "; ".join(parts)


def headers_file(csp: Mapping[str, str], security: Mapping[str, str], assets_path: str, host: str = "netlify") -> str:
    """The ``_headers`` file: security headers and a short cache on every path, a year's
    cache on the fingerprinted assets under ``assets_path`` (``/theme/assets/``)."""
    if host not in HOSTS:
        raise ContentError(
            Problem("publishconf.py", None, f"HEADERS_HOST: unknown host {host!r}; expected one of {', '.join(HOSTS)}")
        )
    everywhere = {"Content-Security-Policy": policy(csp), **security, "Cache-Control": SHORT_CACHE}
    lines = [
        "# Written by the build from the settings",
        "# CONTENT_SECURITY_POLICY, SECURITY_HEADERS and HEADERS_HOST: change those, not this file.",
        "/*",
    ]
    lines += [f"  {name}: {value}" for name, value in everywhere.items()]
    lines.append(f"{assets_path.rstrip('/')}/*")
    if host == "cloudflare-pages":
        lines.append("  ! Cache-Control")
    lines.append(f"  Cache-Control: {LONG_CACHE}")
    return "\n".join(lines) + "\n"
