"""Building standards through the real operations, so tests exercise the same code paths."""

from wiki.committees.actors import actor_for_user
from wiki.standards import operations

SPANISH_BODY = """## Propósito

Servir como referente para la evaluación y certificación de las personas que atienden comensales.

## Descripción

Describe la recepción, la toma de la orden y el servicio de alimentos y bebidas.

## Nivel de competencia

Nivel 2. Desempeña actividades programadas, en su mayoría rutinarias.

## Elemento 1 de 1: E0901 Recibir al comensal

### Desempeños

1. Recibe al comensal en la entrada del restaurante:
   - Saluda con amabilidad y ofrece asistencia.
   - Confirma el número de personas y la reservación.
2. Conduce al comensal a la mesa asignada.
   - Ofrece la carta del día.

### Productos

1. La comanda elaborada:
   - Registra los platillos y bebidas solicitados.

### Conocimientos

1. Protocolo de bienvenida del establecimiento — Nivel: Comprensión

### Actitudes, hábitos y valores

1. Amabilidad: la manera en que saluda al comensal y le ofrece ayuda.

### Glosario

1. **Comanda**: registro escrito de la orden del comensal.

## Referencias

- Manual de servicio del establecimiento, año 2025.
"""


def create_standard(
    author, committee, *, title="Atención a comensales", body=SPANISH_BODY, language="es", level=2
):
    """A draft standard with revision 1, created by ``author`` (a drafting member)."""
    return operations.create_standard(
        actor_for_user(author),
        committee=committee,
        title=title,
        language=language,
        level=level,
        body=body,
    )


def save(author, standard, body, *, base=None, title=None, summary="edit"):
    """Save ``body`` as ``author`` on top of ``base`` (default: the current head)."""
    head = standard.head_revision
    return operations.save_revision(
        actor_for_user(author),
        standard.id,
        base_number=base if base is not None else head.number,
        title=title if title is not None else head.title,
        body=body,
        summary=summary,
    )


def publish(standard, people):
    """Ballot the head revision, have every voting member approve, have the chair ask for
    publication and an agency administrator (``people["admin"]``, or a new one) publish it."""
    from tests.factories import UserFactory
    from wiki.ballots import operations as ballots
    from wiki.publication.operations import publish_edition
    from wiki.publication.request_operations import request_publication

    chair = actor_for_user(people["chair"])
    ballot = ballots.open_ballot(chair, standard.id)
    for person in people.values():
        actor = actor_for_user(person)
        if actor.seat(standard.committee_id) and actor.seat(standard.committee_id).can_vote:
            ballots.cast_position(actor, ballot.id, "approve")
    ballots.close_ballot(chair, ballot.id)
    request_publication(chair, standard.id)
    admin = people.get("admin") or UserFactory(admin=True)
    return publish_edition(actor_for_user(admin), standard.id)
