"""Fingerprinted theme assets, resolved once per build.

``asset_url("css/site.css")`` in a template gives ``theme/assets/site.<hash>.css``: the
file under the theme's static folder, copied with a hash of its content in its name by
webassets (the pelican-plugins ``webassets`` package, configured by ``WEBASSETS_CONFIG``),
so hosts may cache it for a year (see :mod:`mep_kit.outputs.headers`). webassets' own
``{% assets %}`` tag re-checks the bundle on every page it is on, at a cost that grows with
the pages; the URL cannot change during a build, so it is worked out once here.
Without the webassets plugin the file's plain URL is given. Files given in ``prepend``
come first in the asset's file (the brand's palette, :mod:`mep_kit.core.brand`, before the
theme's ``css/site.css``): one stylesheet, its hash covering both.
"""

from __future__ import annotations

import posixpath
import re

#: ``asset_url("...")`` with a literal name, as the theme's templates call it.
CALL = re.compile(r"""asset_url\(\s*["']([^"']+)["']\s*\)""")


class AssetUrls:
    def __init__(self, environment, static_dir: str = "theme", prepend=None):
        self.environment = environment  # webassets Environment, or None
        self.static_dir = static_dir
        self.prepend = dict(prepend or {})  # asset -> absolute paths of files put before it
        self._urls: dict[str, str] = {}
        self._prepared = None  # the environment whose templates' assets are resolved

    def __call__(self, source: str) -> str:
        if source not in self._urls:
            self._urls[source] = self._resolve(source)
        return self._urls[source]

    def prepare(self, env) -> None:
        """Resolve now every asset the templates of Jinja ``env`` name: webassets writes an
        asset's file when its URL is first asked for, and the build must have written them
        before it forks the process that writes pages with it (:mod:`mep_kit.outputs.writer`).
        Once per environment: a writer made again in the same build (``make serve``'s quick
        path) reads no template again."""
        loader = getattr(env, "loader", None)
        if loader is None or self._prepared is env:
            return
        self._prepared = env
        for name in loader.list_templates():
            try:
                source = loader.get_source(env, name)[0]
            except Exception:  # noqa: BLE001 (a template that cannot be read is reported when it is used)
                continue
            for asset in CALL.findall(source):
                self(asset)

    def _resolve(self, source: str) -> str:
        if self.environment is None:
            return posixpath.join(self.static_dir, source)
        from pelican.plugins.webassets.vendor.webassets import Bundle

        stem, extension = posixpath.splitext(posixpath.basename(source))
        bundle = Bundle(
            *self.prepend.get(source, ()), source, output=f"assets/{stem}.%(version)s{extension}", env=self.environment
        )
        (url,) = bundle.urls()
        return url.lstrip("/")
