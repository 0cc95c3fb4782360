"""Headers on every response: the Content-Security-Policy, no caching of what a signed-in
person sees, and HSTS over HTTPS."""

import re

from flask import Flask, current_app, g, request, session

#: an origin as a CSP source: scheme, host (a leading ``*.`` allowed) and an optional port
_ORIGIN = re.compile(r"https?://(\*\.)?[a-z0-9.-]+(:[0-9]{1,5})?", re.IGNORECASE)

HSTS = "max-age=31536000; includeSubDomains"


def image_sources(setting: str) -> tuple[str, ...]:
    """The origins of IMAGE_SOURCES; a RuntimeError names one that is not an origin.

    Checked, because each is written into the policy: ``https://a.mx; script-src *`` would
    otherwise open the policy it sits in.
    """
    origins = tuple(setting.replace(",", " ").split())
    for origin in origins:
        if not _ORIGIN.fullmatch(origin):
            raise RuntimeError(
                f"WIKI_IMAGE_SOURCES: {origin!r} is not an origin such as https://img.example.org"
            )
    return origins


def content_security_policy(images: tuple[str, ...]) -> str:
    """The policy: everything from the wiki itself; images also from the allowed origins."""
    img_src = " ".join(["'self'", *images])
    return (
        f"default-src 'self'; img-src {img_src}; style-src 'self'; "
        "script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
        "form-action 'self'"
    )


def register_security_headers(app: Flask) -> None:
    """Check IMAGE_SOURCES, write the policy once into the settings, add the headers."""
    policy = content_security_policy(image_sources(app.config["IMAGE_SOURCES"]))
    app.config["WIKI_CONTENT_SECURITY_POLICY"] = policy
    app.after_request(_security_headers)


def signed_in() -> bool:
    """Whether the request comes from a signed-in person; ``in`` does not mark the session
    read, so asking does not make a page vary by cookie."""
    return "_user_id" in session


def _security_headers(response):
    response.headers.setdefault(
        "Content-Security-Policy", current_app.config["WIKI_CONTENT_SECURITY_POLICY"]
    )
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("X-Frame-Options", "DENY")
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    if signed_in() and request.endpoint != "static":
        # What a signed-in person sees is theirs: no shared or browser cache keeps it.
        response.headers["Cache-Control"] = "no-store"
    if "actor" in g:
        response.vary.add("Cookie")
    return response
