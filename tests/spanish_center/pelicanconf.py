"""An invented MEP center that writes in Spanish: the kit adopted by settings and content
alone, with the identity block, the service lines and the menu written in Spanish and
DEFAULT_LANG = "es", nothing else changed. Every word of the theme and the plugin must then be
Spanish (tests/build/test_spanish_center.py), its pages must pass every check of the browser
tier (tests/browser/test_every_page.py), and one case study has an English translation.

Like the fixture site's, it works in place and as the settings of a copy of the project."""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
KIT = HERE if os.path.isdir(os.path.join(HERE, "plugins")) else os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(KIT, "plugins"))
from mep_kit.conventions import *  # noqa: E402,F403

PATH = os.path.join(HERE, "content")
THEME = os.path.join(KIT, "theme")
PLUGIN_PATHS = [os.path.join(KIT, "plugins")]

CENTER = {
    "name": "MEP Isla Ejemplo",
    "long_name": "MEP Isla Ejemplo, el centro MEP de una isla inventada",
    "state": "Isla Ejemplo",
    "phone": "555-0177",
    "url": "https://isla-ejemplo.example",
    "tagline": "Ayudamos a los fabricantes de Isla Ejemplo a crecer",
    "network": "Red Nacional MEP",
}
TIMEZONE = "America/Puerto_Rico"
DEFAULT_LANG = "es"
BRAND = {"primary": "#00695c", "accent": "#ffb300"}
BANNER = None
SERVICE_LINES = {
    "Manufactura esbelta": "Menos desperdicio y plazos de entrega más cortos en la planta.",
    "Crecimiento empresarial": "Nuevos mercados y nuevos productos para crecer.",
}
HOME_FIGURES = ["isla-clientes", "isla-ahorros", "red-clientes"]
EXPLAINER = "articles/que-es-mep.md"
NAVIGATION = [
    ("Inicio", ""),
    ("Qué es MEP", "{filename}/" + EXPLAINER),
    ("Servicios", "services/"),
    ("Casos de éxito", "posts/"),
    ("Eventos", "events/"),
    ("Cifras", "numbers/"),
    ("Contacto", "{filename}/pages/contacto.md"),
    ("Buscar", "search/"),
]
SITENAME = CENTER["name"]
SITESUBTITLE = CENTER["tagline"]
AUTHOR = CENTER["name"]
