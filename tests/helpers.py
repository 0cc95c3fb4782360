"""Test helpers: a client that sends the CSRF token like a browser would."""

import re

from flask.testing import FlaskClient

PASSWORD = "correct horse battery"

_TOKEN = re.compile(r'<meta name="csrf-token" content="([^"]+)"')


class CsrfClient(FlaskClient):
    """Adds the page's CSRF token to form posts, unless the test sends its own (or none)."""

    def open(self, *args, **kwargs):
        # The test holds an app context; a request would reuse it and its ``g``
        # (cached CSRF token, actor). A fresh context per request, as in production.
        with self.application.app_context():
            return super().open(*args, **kwargs)

    def csrf_token(self) -> str:
        page = self.get("/login" if not self._logged_in() else "/").get_data(as_text=True)
        match = _TOKEN.search(page)
        assert match, "no csrf-token meta tag on the page"
        return match.group(1)

    def _logged_in(self) -> bool:
        return self.get_cookie("session") is not None

    def post(self, *args, csrf: bool = True, **kwargs):
        data = kwargs.get("data")
        if csrf and (data is None or isinstance(data, dict)) and "json" not in kwargs:
            data = dict(data or {})
            data.setdefault("csrf_token", self.csrf_token())
            kwargs["data"] = data
        return super().post(*args, **kwargs)


def logged_in_as(response_or_text) -> str | None:
    """The display name in the page header, or None when nobody is logged in."""
    text = getattr(response_or_text, "text", response_or_text)
    match = re.search(r'<span class="nav-user">([^<]*)</span>', text)
    return match.group(1) if match else None
