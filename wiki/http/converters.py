"""The URL converters every route uses: what a path segment may hold before a view sees it.

Registered under the default names (``int``, ``default``, ``string``) before any blueprint, so a
route written ``<int:standard_id>`` or ``<slug>`` gets them without saying so. A segment they
refuse matches no route: 404, with nothing sent to the database.
"""

from flask import Flask
from werkzeug.routing import IntegerConverter, UnicodeConverter

from wiki.http.numbers import MAX_INTEGER


class IdConverter(IntegerConverter):
    """``<int:...>``: a whole number up to ``MAX_INTEGER``; a larger one is no id of ours."""

    def __init__(self, map, fixed_digits=0, min=None, max=MAX_INTEGER, signed=False):
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


class TextConverter(UnicodeConverter):
    """``<name>``: a segment without C0 control characters (no slug, code or token has one)."""

    def __init__(self, map, minlength=1, maxlength=None, length=None):
        super().__init__(map, minlength=minlength, maxlength=maxlength, length=length)
        self.regex = r"[^/\x00-\x1f]" + self.regex.removeprefix("[^/]")


def register_converters(app: Flask) -> None:
    """Replace the default converters; call before registering blueprints."""
    app.url_map.converters.update(int=IdConverter, default=TextConverter, string=TextConverter)
