"""Public pages a cache may keep: an ETag, ``304 Not Modified``, and ``Cache-Control: public``.

Only for readers who are not signed in: what a signed-in person sees is theirs
(``security_headers`` marks it ``no-store``). The tag is made from what can still change on
the page, given by the view without rendering it, plus the language and the version of the
app's templates and static files, so a new release changes every tag.
"""

import hashlib
from collections.abc import Callable, Iterable
from pathlib import Path

from flask import current_app, make_response, request, session
from flask_babel import get_locale

from wiki.http.security_headers import signed_in


def app_version(app) -> str:
    """A digest of the app's templates and static files (their names, sizes and times)."""
    digest = hashlib.sha256()
    for folder in (Path(app.static_folder), Path(app.root_path, app.template_folder)):
        for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
            if path.is_file():
                stat = path.stat()
                digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


def page_tag(parts: Iterable) -> str:
    """The ETag of a page whose changing parts are ``parts`` (reprs of plain values)."""
    version = current_app.config.get("WIKI_PAGE_VERSION")
    if version is None:
        version = current_app.config["WIKI_PAGE_VERSION"] = app_version(current_app)
    text = "\x1f".join([version, str(get_locale()), *map(repr, parts)])
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def public_page(parts: Iterable, render: Callable[[], object], *, translated: bool = True):
    """The response of ``render()``, or a 304 when the reader's copy is still current.

    ``parts``: what can change on the page. For a reader who is not signed in the response
    carries its ETag and ``Cache-Control: public`` with the PUBLIC_MAX_AGE setting; a
    signed-in reader gets the page as rendered, with neither, and so does a reader with a
    message waiting (``flash``), marked ``no-store``.
    """
    if signed_in():
        return render()
    if "_flashes" in session:
        # a message for this reader alone (e.g. "you were logged out") is on the page
        response = make_response(render())
        response.cache_control.no_store = True
        return response
    tag = page_tag(parts)
    if request.if_none_match.contains(tag):
        response = current_app.response_class(status=304)
    else:
        response = make_response(render())
    response.set_etag(tag)
    response.cache_control.public = True
    response.cache_control.max_age = current_app.config["PUBLIC_MAX_AGE"]
    if translated:
        response.vary.add("Accept-Language")
    return response
