"""The production backend: PostgreSQL full-text search (tsvector, GIN index, unaccent).

The migration creates everything in the ``search`` schema, outside the SQLAlchemy metadata
because ``tsvector`` has no SQLite counterpart (Alembic's comparison, which looks at the
default schema only, therefore never sees it):

- ``search.fold(text)``: ``unaccent`` and lower case, with ñ protected from ``unaccent``
  (which would make "año" into "ano");
- ``search.fold_spanish(text)``: the same, then the ``-ación``/``-ución`` accent restored so the
  Spanish stemmer strips it (see ``wiki.search.analysis``);
- configurations ``search.spanish_folded`` and ``search.english_folded`` (copies of the
  built-in Spanish and English ones), applied to folded text by ``search.document_vector``,
  ``search.word_query`` and ``search.phrase_query``;
- ``search.documents`` (one row per document, a weighted ``tsvector`` with a GIN index) and
  ``search.vocabulary`` (words per visibility scope, for "did you mean").

A query is compiled from the parsed tree into ``tsquery`` functions with bound parameters,
once per language; visibility and filters are plain column conditions in the same statement.
"""

import contextlib
from collections.abc import Collection, Iterable, Sequence
from functools import reduce

from sqlalchemy import (
    ARRAY,
    Column,
    DateTime,
    Float,
    Integer,
    MetaData,
    Table,
    Text,
    and_,
    bindparam,
    case,
    cast,
    delete,
    func,
    literal,
    null,
    or_,
    select,
    union_all,
)
from sqlalchemy import text as sql_text
from sqlalchemy.dialects.postgresql import TSQUERY, TSVECTOR
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.exc import SQLAlchemyError

from wiki.search import analysis
from wiki.search import query as q
from wiki.search.base import FACETS, Hit, SearchRequest, SearchResults, SearchUnavailable
from wiki.search.documents import SearchDocument
from wiki.search.visibility import Visibility

#: tables of the ``search`` schema; kept out of ``db.metadata`` on purpose (see above)
search_metadata = MetaData(schema="search")

documents = Table(
    "documents",
    search_metadata,
    Column("doc_id", Text, primary_key=True),
    Column("standard_id", Integer, nullable=False),
    Column("edition_id", Integer),
    Column("status", Text, nullable=False),
    Column("stage", Text, nullable=False),
    Column("scope", Text, nullable=False),
    Column("committee_id", Integer, nullable=False),
    Column("committee_name", Text, nullable=False),
    Column("sector", Text, nullable=False),
    Column("language", Text, nullable=False),
    Column("level", Integer, nullable=False),
    Column("code", Text),
    Column("title", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("dated_at", DateTime(timezone=True), nullable=False),
    Column("version", Text, nullable=False),
    Column("vector", TSVECTOR, nullable=False),
)

vocabulary_table = Table(
    "vocabulary",
    search_metadata,
    Column("scope", Text, primary_key=True),
    Column("word", Text, primary_key=True),
)

#: ``ts_rank_cd`` normalisation: divide by 1 + the logarithm of the document length
RANK_NORMALISATION = 1


def code_lexeme(code: str) -> str:
    """The lexeme a code is indexed under; the text parser never makes one like it."""
    return f"code:{code.lower()}"


def _quoted(lexeme: str) -> str:
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def compile_query(node: q.Node, language: str):
    """A SQL expression of type ``tsquery`` for documents in ``language``."""
    if isinstance(node, q.Word):
        return func.search.word_query(language, node.text)
    if isinstance(node, q.Phrase):
        return func.search.phrase_query(language, " ".join(node.words))
    if isinstance(node, q.Prefix):
        lexemes = [
            f"{_quoted(node.text)}:*",
            *map(_quoted, analysis.stems_within_prefix(node.text)),
        ]
        return cast(" | ".join(lexemes), TSQUERY)
    if isinstance(node, q.Code):
        return cast(_quoted(code_lexeme(node.code)), TSQUERY)
    if isinstance(node, q.Not):
        return func.tsquery_not(compile_query(node.child, language))
    parts = [compile_query(child, language) for child in node.children]
    combine = func.tsquery_and if isinstance(node, q.All) else func.tsquery_or
    return reduce(combine, parts)


def _row(document: SearchDocument) -> dict:
    text = f"{document.title}\n{document.metadata}\n{document.body}"
    return {
        "doc_id": document.doc_id,
        "standard_id": document.standard_id,
        "edition_id": document.edition_id,
        "status": document.status,
        "stage": document.stage,
        "scope": document.scope,
        "committee_id": document.committee_id,
        "committee_name": document.committee_name,
        "sector": document.sector,
        "language": document.language,
        "level": document.level,
        "code": document.code,
        "title": document.title,
        "body": document.body,
        "dated_at": document.date,
        "version": document.version,
        # The vector's inputs; columns' own names are taken by the INSERT.
        "p_language": document.language,
        "p_codes": [code_lexeme(code) for code in document.codes],
        "p_title": document.title,
        "p_metadata": document.metadata,
        "p_body": document.body,
        "words": analysis.vocabulary(text),
    }


_upsert = pg_insert(documents).values(
    vector=func.search.document_vector(
        bindparam("p_language"),
        bindparam("p_codes", type_=ARRAY(Text)),
        bindparam("p_title"),
        bindparam("p_metadata"),
        bindparam("p_body"),
    )
)
_upsert = _upsert.on_conflict_do_update(
    index_elements=["doc_id"],
    set_={c.name: _upsert.excluded[c.name] for c in documents.columns if c.name != "doc_id"},
)


class PostgresBackend:
    """Search in the application's own PostgreSQL database, inside the caller's transaction."""

    #: the index is rows of the application's database, written in the caller's transaction
    in_database = True

    def _write(self, connection, batch: Sequence[SearchDocument]) -> None:
        if not batch:
            return
        rows = [_row(document) for document in batch]
        connection.execute(
            _upsert, [{k: v for k, v in row.items() if k != "words"} for row in rows]
        )
        pairs = sorted({(row["scope"], word) for row in rows for word in row["words"]})
        if pairs:
            scopes, words = zip(*pairs, strict=True)
            unnested = select(
                func.unnest(cast(list(scopes), ARRAY(Text))),
                func.unnest(cast(list(words), ARRAY(Text))),
            )
            connection.execute(
                pg_insert(vocabulary_table)
                .from_select(["scope", "word"], unnested)
                .on_conflict_do_nothing()
            )

    def index(
        self, documents_: Sequence[SearchDocument], *, standard_ids: Collection[int], session
    ) -> None:
        connection = session.connection()
        keep = [d.doc_id for d in documents_]
        connection.execute(
            delete(documents).where(
                documents.c.standard_id.in_(list(standard_ids)), documents.c.doc_id.not_in(keep)
            )
        )
        self._write(connection, documents_)

    def remove(self, standard_ids: Collection[int], *, session) -> None:
        self.index([], standard_ids=standard_ids, session=session)

    def rebuild(self, batches: Iterable[Sequence[SearchDocument]], *, session) -> int:
        # DELETE, not TRUNCATE: searches keep reading the old rows until the caller commits.
        connection = session.connection()
        connection.execute(delete(documents))
        connection.execute(delete(vocabulary_table))
        count = 0
        for batch in batches:
            self._write(connection, batch)
            count += len(batch)
        # Fresh statistics, so the planner weighs the GIN index right from the first search.
        connection.execute(sql_text("ANALYZE search.documents"))
        return count

    def is_usable(self) -> bool:
        return True

    def is_whole(self, session) -> bool:
        # The documents are rows of the application's database: restored, backed up and
        # lost with it, never apart from it; what a drain left undone waits in the outbox.
        return True

    def rebuild_lock(self, *, wait: bool = True):
        """A rebuild is one transaction: concurrent ones wait on its row locks."""
        return contextlib.nullcontext(True)

    def close(self) -> None:
        """Nothing is held open outside the caller's session."""

    def search(self, request: SearchRequest, visibility: Visibility, *, session) -> SearchResults:
        try:
            return self._search(request, visibility, session)
        except SQLAlchemyError as exc:
            session.rollback()
            raise SearchUnavailable(str(exc)) from exc

    def _search(self, request: SearchRequest, visibility: Visibility, session) -> SearchResults:
        """One statement: the tsqueries, the ranked matches, the page of hits, total and facets."""
        conditions = [documents.c.scope.in_(visibility.scopes)]
        conditions += [
            documents.c[_FACET_COLUMNS[name]] == value
            for name, value in request.filters.active().items()
        ]
        score = literal(0.0, Float)
        if request.node is not None:
            # Computed once (InitPlans), so the GIN index is used and no row re-parses them.
            compiled = select(
                *(compile_query(request.node, lang).label(lang) for lang in analysis.LANGUAGES)
            ).cte("query")
            tsq = {lang: select(compiled.c[lang]).scalar_subquery() for lang in analysis.LANGUAGES}
            # A language whose query lost every word (stop words) or only excludes matches nothing.
            usable = {
                lang: select(func.querytree(compiled.c[lang]).not_in(["", "T"])).scalar_subquery()
                for lang in analysis.LANGUAGES
            }
            conditions.append(
                or_(
                    *(
                        and_(
                            documents.c.language == lang,
                            usable[lang],
                            documents.c.vector.op("@@")(tsq[lang]),
                        )
                        for lang in analysis.LANGUAGES
                    )
                )
            )
            if request.sort == "relevance":
                chosen = case((documents.c.language == "es", tsq["es"]), else_=tsq["en"])
                score = func.ts_rank_cd(documents.c.vector, chosen, RANK_NORMALISATION)
        matches = (
            select(
                documents.c.doc_id,
                documents.c.dated_at,
                score.label("score"),
                *(documents.c[column] for column in _FACET_COLUMNS.values()),
            )
            .where(*conditions)
            .cte("matches")
            .prefix_with("MATERIALIZED")
        )
        order = [matches.c.dated_at.desc(), matches.c.doc_id]
        if request.sort == "relevance":
            order.insert(0, matches.c.score.desc())
        page = (
            select(
                matches.c.doc_id,
                matches.c.score,
                func.row_number().over(order_by=order).label("n"),
            )
            .order_by(*order)
            .limit(request.per_page)
            .offset((request.page - 1) * request.per_page)
            .subquery()
        )
        members = [
            select(literal("hit"), page.c.doc_id, page.c.score, page.c.n, *_HIT_COLUMNS).join_from(
                page, documents, documents.c.doc_id == page.c.doc_id
            ),
            select(
                literal("total"), cast(null(), Text), cast(null(), Float), func.count(), *_NO_HIT
            ).select_from(matches),
        ]
        for name, column in _FACET_COLUMNS.items():
            members.append(
                select(
                    literal(name),
                    cast(matches.c[column], Text),
                    cast(null(), Float),
                    func.count(),
                    *_NO_HIT,
                ).group_by(matches.c[column])
            )
        rows = session.execute(union_all(*members)).all()
        total = next((row[3] for row in rows if row[0] == "total"), 0)
        facets = {
            name: sorted(
                ((row[1], row[3]) for row in rows if row[0] == name and row[1]),
                key=lambda pair: (-pair[1], pair[0]),
            )
            for name in FACETS
        }
        hits = [_hit(row) for row in sorted((r for r in rows if r[0] == "hit"), key=lambda r: r[3])]
        return SearchResults(hits, total, facets, request.page, request.per_page)

    def vocabulary(
        self, first_letters: str, lengths: range, visibility: Visibility, *, session
    ) -> set[str]:
        word = vocabulary_table.c.word
        upper = first_letters[:-1] + chr(ord(first_letters[-1]) + 1)
        rows = session.execute(
            select(word)
            .distinct()
            .where(
                vocabulary_table.c.scope.in_(visibility.scopes),
                word >= first_letters,
                word < upper,
                func.char_length(word).between(lengths.start, lengths.stop - 1),
            )
        ).scalars()
        return set(rows)

    def stored_versions(self, *, session) -> dict[str, str]:
        return dict(session.execute(select(documents.c.doc_id, documents.c.version)).all())


def _hit(row) -> Hit:
    _, doc_id, score, _, *shown = row
    return Hit(
        doc_id=doc_id, score=float(score or 0.0), **dict(zip(_HIT_FIELDS, shown, strict=True))
    )


#: Hit fields read from ``search.documents`` (``date`` is its ``dated_at``)
_HIT_FIELDS = (
    "standard_id",
    "edition_id",
    "status",
    "stage",
    "code",
    "title",
    "committee_id",
    "committee_name",
    "language",
    "level",
    "date",
    "body",
)
_HIT_COLUMNS = [documents.c["dated_at" if f == "date" else f] for f in _HIT_FIELDS]
#: the same columns, empty, for the total and facet rows of the one result
_NO_HIT = [cast(null(), column.type) for column in _HIT_COLUMNS]

#: facet name -> column of ``search.documents``
_FACET_COLUMNS = {
    "committee": "committee_id",
    "sector": "sector",
    "level": "level",
    "status": "status",
    "language": "language",
}
