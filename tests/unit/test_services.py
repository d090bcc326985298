"""mep_kit.context.services: every service line with every case study that names it."""

from __future__ import annotations

from types import SimpleNamespace

from mep_kit.context.services import group_by_service


def test_every_service_line_in_settings_order_with_each_post_that_names_it():
    cat = lambda name: SimpleNamespace(name=name)
    a = SimpleNamespace(services=[cat("B"), cat("A")])
    b = SimpleNamespace(services=[cat("A")])
    article = SimpleNamespace()
    lines = group_by_service([a, b, article], {"A": "a.", "B": "b.", "C": "c."}, cat)
    assert [(line.name, line.articles) for line in lines] == [("A", [a, b]), ("B", [a]), ("C", [])]
