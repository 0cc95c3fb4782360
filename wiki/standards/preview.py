"""The editor's preview: the text rendered as a save would render it, with its structure."""

from dataclasses import dataclass

from wiki.standards.operations import normalise_body
from wiki.standards.rendering import Rendered, render_markdown
from wiki.standards.structure import Structure, parse_structure


@dataclass(frozen=True)
class Preview:
    rendered: Rendered
    structure: Structure

    @property
    def toc(self) -> list[list]:
        """The table of contents as the templates take it: ``[level, anchor, title]`` rows."""
        return [[entry.level, entry.anchor, entry.title] for entry in self.rendered.toc]


def preview_text(body: str) -> Preview:
    """Render the editor's text without saving it; raises ``InvalidInput`` where a save would."""
    body = normalise_body(body)
    structure = parse_structure(body)
    return Preview(rendered=render_markdown(body, structure), structure=structure)
