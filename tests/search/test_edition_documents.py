"""An edition's search document says what the edition says, not what its next draft says."""

from tests.edition_factories import published_with, redraft
from wiki.extensions import db
from wiki.search.documents import documents_for


def test_edition_documents_keep_the_published_title_and_metadata_drafts_have_the_new(s):
    standard, edition = published_with(s, occupations="Mesero")
    redraft(
        s, standard, title="Servicio de sommelier", level=4, occupations="Sommelier",
        industry_code="722512",
    )

    documents = {d.doc_id: d for d in documents_for(db.session, [standard.id])}
    edition_document = documents[f"edition-{edition.id}"]
    draft_document = documents[f"draft-{standard.id}"]

    assert (edition_document.title, edition_document.level) == ("Atención a comensales", 2)
    assert "Mesero" in edition_document.metadata
    assert "Sommelier" not in edition_document.metadata
    assert "722512" not in edition_document.metadata
    assert (draft_document.title, draft_document.level) == ("Servicio de sommelier", 4)
    assert "Sommelier" in draft_document.metadata
