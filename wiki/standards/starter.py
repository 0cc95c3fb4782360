"""The competency-standard template a new standard starts from, in Spanish or English."""

from functools import cache
from importlib import resources


@cache
def template_for(language: str) -> str:
    """The Markdown template for a new standard in ``language`` ("es" or "en")."""
    name = "standard_en.md" if language == "en" else "standard_es.md"
    return resources.files("wiki.standards").joinpath("templates", name).read_text("utf-8")
