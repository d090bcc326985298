"""Production settings of the tests' fixture site: its pelicanconf.py and the kit's production().

pelicanconf.py is read by its path (not imported by name), so a process that has read another
site's pelicanconf.py before gets this one's."""

import os
import runpy

globals().update(
    {
        name: value
        for name, value in runpy.run_path(
            os.path.join(os.path.dirname(os.path.abspath(__file__)), "pelicanconf.py")
        ).items()
        if name.isupper()
    }
)

from mep_kit.conventions import production  # noqa: E402

globals().update(production(os.environ.get("SITEURL", CENTER["url"]), os.environ.get("HEADERS_HOST", "netlify")))  # noqa: F821
