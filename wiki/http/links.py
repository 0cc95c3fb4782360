"""Addresses of the wiki's pages, built from the configured public address (PUBLIC_BASE_URL).

A link that leaves the request, in an email or from a command run by cron, must never come
from the request's ``Host`` header: whoever sends the request chooses that header, and a
link to their host would carry a token to them. ``refuse_unknown_host`` keeps requests
naming another host from being served at all.
"""

from urllib.parse import urlsplit

from flask import abort, current_app, request
from flask_babel import gettext
from werkzeug.routing import MapAdapter
from werkzeug.sansio.utils import host_is_trusted


def public_url(endpoint: str, *, external: bool = True, **values) -> str:
    """The page's address under PUBLIC_BASE_URL (absolute unless ``external`` is false).

    Works with or without a request, so mail sent by a command carries the same links.
    """
    anchor = values.pop("_anchor", None)
    url = _public_adapter().build(endpoint, values, force_external=external)
    return f"{url}#{anchor}" if anchor else url


def _public_adapter() -> MapAdapter:
    base = urlsplit(current_app.config["PUBLIC_BASE_URL"])
    return current_app.url_map.bind(
        base.netloc, script_name=base.path or "/", url_scheme=base.scheme or "https"
    )


def allowed_hosts(config) -> list[str]:
    """The host names the wiki answers to: the public address's, then ALLOWED_HOSTS."""
    extra = [name.strip().lower() for name in config["ALLOWED_HOSTS"].split(",") if name.strip()]
    return [urlsplit(config["PUBLIC_BASE_URL"]).hostname or "", *extra]


def refuse_unknown_host() -> None:
    """Before every request: a 400 for a ``Host`` the wiki does not answer to."""
    hosts = current_app.config["WIKI_ALLOWED_HOST_NAMES"]
    if not host_is_trusted(request.host.lower(), hosts):
        abort(400, gettext("This wiki does not answer to the address in your request."))
