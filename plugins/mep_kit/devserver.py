"""The development server of ``make serve`` (``invoke livereload``): python-livereload's, with
the reload script loaded as a file, so it runs under the site's own Content-Security-Policy.

livereload puts an inline ``<script>`` into every page it serves, which then loads
``livereload.js``; the pages' policy (:mod:`mep_kit.headers`) allows no inline script, so the
browser blocks it and never reloads. This server puts ``<script src="/livereload.js">`` there
instead and serves the script, the page and the reload websocket (``/livereload``) from one
address, so the policy's ``script-src 'self'`` and ``connect-src 'self'`` already allow them:
the development pages carry exactly the policy that is published, nothing is loosened.
"""

from __future__ import annotations

from livereload import Server
from livereload.handlers import ForceReloadHandler, LiveReloadHandler, LiveReloadJSHandler
from livereload.server import LiveScriptInjector
from livereload.watcher import Watcher
from tornado import ioloop, web

#: How often saved files are looked for, in milliseconds (livereload's own polling waits 800).
POLL_MS = 200


class QuickWatcher(Watcher):
    """livereload's polling watcher, looking every :data:`POLL_MS` ms instead of 800: a save
    is seen within a fifth of a second."""

    def start(self, callback):
        ioloop.PeriodicCallback(callback, POLL_MS).start()
        return True


def reload_script(port: int) -> bytes:
    """The element added before ``</head>`` of each page: the reload client, as a file from
    the same address (livereload.js reads the websocket's host and port from its own URL)."""
    return f'<script src="/livereload.js?port={int(port)}" defer></script>'.encode()


class DevServer(Server):
    """livereload's Server, serving pages, livereload.js and its websocket on one port."""

    def __init__(self, app=None, watcher=None):
        super().__init__(app, watcher or QuickWatcher())

    def application(self, port, host, liveport=None, debug=None, live_css=True):
        if liveport not in (None, port):
            raise ValueError("the reload websocket is served on the pages' own port (connect-src 'self')")
        LiveReloadHandler.watcher = self.watcher
        # livereload ignores a change seen within 3 s of the last reload (or of the page
        # connecting), and the change is then lost: a writer saving twice in a row, or right
        # after opening the page, would see nothing. Each poll rebuilds once, so half a second
        # is enough to keep one save from reloading twice.
        LiveReloadHandler.DEFAULT_RELOAD_TIME = 0.5
        LiveReloadHandler.live_css = live_css
        script = reload_script(port)

        class Injector(LiveScriptInjector):
            pass

        Injector.script = script
        handlers = [
            (r"/livereload", LiveReloadHandler),
            (r"/forcereload", ForceReloadHandler),
            (r"/livereload.js", LiveReloadJSHandler),
            *self.get_web_handlers(script),
        ]
        # debug stays off: Tornado's debug mode restarts the process when a module changes.
        web.Application(handlers=handlers, debug=bool(debug), transforms=[Injector]).listen(port, address=host)
