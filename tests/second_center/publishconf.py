"""Production settings of the invented second center: its pelicanconf.py and the kit's production()."""

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
