"""Discussions, notifications and consultations built through the real operations.

A standard written from a realistic Spanish text and short-hands for the operations, so each
test reads as the behaviour it checks; ``p`` (tests/conftest.py) is the committee and its people.
"""

import datetime as dt

from sqlalchemy import func, select

from tests.ballot_factories import everyone_approves, open_on, published
from wiki.comments import operations as comments
from wiki.committees.actors import actor_for_user
from wiki.db import utcnow
from wiki.extensions import db
from wiki.notifications.kinds import NotificationKind
from wiki.notifications.models import Notification
from wiki.standards import operations as standards
from wiki.standards.structure import Structure

BODY = """\
## Propósito

Servir como referente para la evaluación y certificación de las personas que atienden a
comensales en restaurantes.

## Descripción

Describe la recepción del comensal, la toma de la orden y el cierre del servicio.

## Elemento 1 de 2: E0875 Recibir al comensal y tomar su orden

### Desempeños

1. Recibe al comensal en la entrada del restaurante:
   - Saludándolo con amabilidad.
2. Asigna la mesa al comensal de acuerdo con la disponibilidad.
3. Toma la orden del comensal ofreciéndole la carta y las sugerencias del día.

### Conocimientos

1. Tipos de servicio en restaurantes — Nivel: Comprensión

## Elemento 2 de 2: E0876 Cobrar la cuenta

### Desempeños

1. Presenta la cuenta al comensal en la carpeta del restaurante.

## Referencias

- Manual de servicio, 2024.

## Nivel de competencia

Nivel 2. Desempeña actividades programadas, en su mayoría rutinarias.
"""


def in_english(client) -> None:
    """Make the anonymous visitor's pages English (logged-in people use their own locale)."""
    client.get("/?lang=en")


def actor(user):
    return actor_for_user(user)


def new_standard(author, committee, body: str = BODY, title: str = "Atención a comensales"):
    return standards.create_standard(
        actor(author), committee=committee, title=title, language="es", level=2, body=body
    )


def save(author, standard, body: str):
    """Save ``body`` as the next revision; returns the new revision."""
    db.session.refresh(standard)
    head = standard.head_revision
    result = standards.save_revision(
        actor(author), standard.id, base_number=head.number, title=head.title, body=body
    )
    assert result.revision is not None, "the text did not change"
    return result.revision


def part_id(standard, fragment: str) -> str:
    """The stable id of the head revision's part whose text contains ``fragment``."""
    db.session.refresh(standard)
    structure = Structure.from_dict(standard.head_revision.structure)
    for pid in structure.part_ids():
        part = structure.find(pid)
        text = getattr(part, "text", None) or getattr(part, "title", "")
        if fragment in text:
            return pid
    raise AssertionError(f"no part contains {fragment!r}")


def comment(user, standard, body: str = "Propongo aclarar este criterio.", part=None, number=None):
    """Start a thread as ``user`` on the head revision (or revision ``number``)."""
    db.session.refresh(standard)
    return comments.start_thread(
        actor(user),
        standard.id,
        revision_number=number or standard.head_revision.number,
        part_id=part,
        body=body,
    )


def notifications_of(user, kind: NotificationKind | None = None) -> list[Notification]:
    query = select(Notification).where(Notification.user_id == user.id)
    if kind is not None:
        query = query.where(Notification.kind == kind)
    return list(db.session.execute(query.order_by(Notification.id)).scalars())


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def days(n: float) -> dt.datetime:
    return utcnow() + dt.timedelta(days=n)


def open_ballot(p, standard, **options):
    return open_on(p, standard, **options)


def approve(p, ballot):
    everyone_approves(p, ballot)


def publish(p, standard):
    """Ballot and approve the head revision; the chair asks, an agency admin publishes it;
    returns the edition."""
    return published(p, standard)[1]
