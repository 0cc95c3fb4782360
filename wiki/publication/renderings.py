"""An edition's body kept as HTML per language, so that showing it does not render it again.

Its metadata block, text and table of contents never change once published; the page around
them (status, official act, succession, consultation notice) is rendered on every view. The
body is kept at publication in every language (or, for an edition published before, at its
first view in each); a row is never updated afterwards. ``queries.edition_page`` reads it.
"""

from sqlalchemy.exc import IntegrityError

from wiki.extensions import db
from wiki.publication.models import EditionRendering


def keep_rendering(edition_id: int, locale: str, metadata_html: str, body_html: str) -> None:
    """Keep the edition's body in ``locale``, unless another request kept it first."""
    try:
        with db.session.begin_nested():
            db.session.add(
                EditionRendering(
                    edition_id=edition_id,
                    locale=locale,
                    metadata_html=metadata_html,
                    body_html=body_html,
                )
            )
    except IntegrityError:
        pass  # the same edition in the same language: what the other request kept is as good
