"""The test client: it sends the CSRF token like a browser would, and reads who is logged in."""

import re

from flask.testing import FlaskClient

#: a signed-in page's meta tag, or the hidden field of a form (the log-in page's)
_TOKEN = re.compile(
    r'<meta name="csrf-token" content="([^"]+)"|name="csrf_token" type="hidden" value="([^"]+)"'
)


def csrf_token_in(page: str) -> str:
    """The CSRF token a page carries (a signed-in page's meta tag, or a form's field)."""
    match = _TOKEN.search(page)
    assert match, "no CSRF token on the page"
    return match.group(1) or match.group(2)


class CsrfClient(FlaskClient):
    """Adds the page's CSRF token to form posts, unless the test sends its own (or none)."""

    def open(self, *args, **kwargs):
        # The test holds an app context; a request would reuse it and its ``g``
        # (cached CSRF token, actor). A fresh context per request, as in production.
        headers = dict(kwargs.pop("headers", None) or {})
        # Like an English-speaking browser unless a test says otherwise; the app's
        # own default (Spanish) is tested explicitly.
        headers.setdefault("Accept-Language", "en")
        with self.application.app_context():
            return super().open(*args, headers=headers, **kwargs)

    def csrf_token(self) -> str:
        """The token a page would carry now; reused while the session cookie is unchanged."""
        cached = getattr(self, "_csrf_cache", None)
        if cached is not None and cached[0] == self._session_cookie():
            return cached[1]
        # Following redirects: an administrator who must set up two-step verification is sent
        # from the home page to that page, which carries the token too.
        page = ""
        for path in ("/", "/login") if self._logged_in() else ("/login",):
            page = self.get(path, follow_redirects=True).get_data(as_text=True)
            if _TOKEN.search(page):
                break
        token = csrf_token_in(page)
        self._csrf_cache = (self._session_cookie(), token)
        return token

    def _session_cookie(self) -> str | None:
        cookie = self.get_cookie("session")
        return cookie.value if cookie is not None else None

    def _logged_in(self) -> bool:
        return self.get_cookie("session") is not None

    def post(self, *args, csrf: bool = True, **kwargs):
        data = kwargs.get("data")
        if csrf and (data is None or isinstance(data, dict)) and "json" not in kwargs:
            data = dict(data or {})
            if "csrf_token" not in data:
                data["csrf_token"] = self.csrf_token()
            kwargs["data"] = data
        return super().post(*args, **kwargs)


def logged_in_as(response_or_text) -> str | None:
    """The display name in the page header, or None when nobody is logged in."""
    text = getattr(response_or_text, "text", response_or_text)
    match = re.search(r'<span class="nav-user">([^<]*)</span>', text)
    return match.group(1) if match else None
