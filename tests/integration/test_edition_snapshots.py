"""An edition keeps the title and metadata it was published with, whatever the next draft does."""

from sqlalchemy import inspect

from tests.ballot_factories import actor, new_revision, published
from tests.edition_factories import published_with, redraft
from wiki.committees import operations as committees
from wiki.extensions import db
from wiki.publication.models import Edition
from wiki.publication.snapshots import COPIED_FIELDS, edition_snapshot
from wiki.standards.models import Standard

#: the standard's columns that are not metadata an edition shows, and why
NOT_COPIED = {
    "id": "the edition names its standard",
    "title": "copied from the revision, which has the title of the text published",
    "status": "the edition has its own",
    "code_number": "the edition's code holds it",
    "head_revision_id": "the edition names its own revision",
    "current_edition_id": "a pointer among editions",
    "approved_revision_id": "the revision waiting for publication, not metadata",
    "created_by_id": "who drafted is not part of the published record",
    "created_at": "the edition has its publication date",
    "updated_at": "the edition has its publication date",
}


def test_every_metadata_column_of_a_standard_is_copied_onto_the_edition():
    standard_columns = {column.key for column in inspect(Standard).columns}
    edition_columns = {column.key for column in inspect(Edition).columns}
    metadata = standard_columns - NOT_COPIED.keys()
    assert metadata == set(COPIED_FIELDS), "add a new metadata field to the edition snapshot"
    assert metadata <= edition_columns


def test_publication_copies_the_title_and_every_metadata_field(s):
    standard, edition = published(s)
    assert edition_snapshot(standard, edition.revision) == {
        "title": "Atención a comensales",
        "committee_name": s.committee.name,
        "committee_id": s.committee.id,
        "language": "es",
        "level": 2,
        "review_period_years": 3,
        "certificate_validity_years": 3,
        "occupations": "",
        "industry_code": "",
        "organisations": "",
    }
    assert {name: getattr(edition, name) for name in ("title", "level", "committee_name")} == {
        "title": "Atención a comensales",
        "level": 2,
        "committee_name": s.committee.name,
    }


def test_the_next_draft_and_a_committee_rename_leave_the_edition_as_published(s):
    standard, edition = published_with(
        s, occupations="Mesero", industry_code="722511", organisations="CANIRAC",
        certificate_validity_years=4, review_period_years=2,
    )
    name_at_publication = s.committee.name
    redraft(
        s, standard, title="Servicio de restaurante", level=5, occupations="Capitán de meseros",
        industry_code="722512", organisations="", certificate_validity_years=1,
        review_period_years=6,
    )
    committees.update_committee(
        actor(s.admin), s.committee.id, name="Comité renombrado", sector="Turismo",
        description="",
    )
    new_revision(s, standard)
    db.session.expire_all()
    edition = db.session.get(Edition, edition.id)
    assert edition.standard.title == "Servicio de restaurante"
    assert (edition.title, edition.level, edition.committee_name) == (
        "Atención a comensales", 2, name_at_publication
    )
    assert (edition.occupations, edition.industry_code, edition.organisations) == (
        "Mesero", "722511", "CANIRAC"
    )
    assert (edition.certificate_validity_years, edition.review_period_years) == (4, 2)
