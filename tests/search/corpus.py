"""A small registry to search: standards written, balloted and published through the operations.

- ``dining`` (es, level 2, tourism): two editions, ``.01`` superseded and ``.02`` current. Only
  the plural "evaluaciones", "año", the phrase "gestión de la calidad", "alérgenos" in a
  product criterion, and "capacitación".
- ``assessment`` (es, level 3, education): only the singular "evaluación"; "gestión" and
  "calidad" apart; "diseño"; HTML-like text in a criterion.
- ``refrigeration`` (en, level 3, manufacturing): "evaluations", "refrigeration".
- ``hotel`` (es, level 1, tourism): its edition withdrawn (by an agency administrator).
- ``secret`` (es, tourism): a draft only, holding the word ``SECRET_WORD``.
"""

from dataclasses import dataclass, field

from sqlalchemy import select

from tests.factories import UserFactory, full_committee
from wiki.accounts.models import User
from wiki.ballots import operations as ballots
from wiki.ballots.consensus import Position
from wiki.committees.actors import actor_for_user
from wiki.extensions import db
from wiki.publication.operations import publish_edition, withdraw_edition
from wiki.publication.request_operations import request_publication
from wiki.standards import operations as standards
from wiki.standards.models import Standard

SECRET_WORD = "zarzamorazul"

DINING = """\
## Propósito

Servir como referente para la certificación de las personas que atienden a comensales en
restaurantes y orientar la capacitación del personal de servicio. Cada año se revisan las
evaluaciones de desempeño del personal.

## Descripción

El estándar describe la gestión de la calidad en el servicio de alimentos y bebidas.

## Nivel de competencia

Nivel 2. Desempeña actividades rutinarias con supervisión.

## Elemento 1 de 1: E0411 Preparar el área de servicio del restaurante

### Desempeños

1. Recibe al comensal con cortesía en la entrada del restaurante.
   - Saluda de manera amable y lo conduce a su mesa.

### Productos

1. La comanda elaborada:
   - Registra los alérgenos declarados por el comensal.

### Conocimientos

1. Higiene en el manejo de alimentos — Nivel: Comprensión

### Actitudes, hábitos y valores

1. Amabilidad: saluda al comensal y le ofrece ayuda.
"""

ASSESSMENT = """\
## Propósito

Servir como referente para la evaluación de candidatos con fines de certificación en el
sector de la educación.

## Descripción

La gestión del proceso asegura que la calidad del diseño de instrumentos sea verificable.

## Nivel de competencia

Nivel 3.

## Elemento 1 de 1: E0900 Aplicar instrumentos a candidatos

### Desempeños

1. Explica al candidato el procedimiento antes de iniciar.
   - Usa la etiqueta <img src=x onerror=alert(1)> solo como ejemplo de texto peligroso.

### Productos

1. El instrumento aplicado:
   - Contiene las respuestas del candidato.

### Conocimientos

1. Técnicas de entrevista — Nivel: Aplicación

### Actitudes, hábitos y valores

1. Responsabilidad: cumple los horarios acordados.
"""

REFRIGERATION = """\
## Purpose

To serve as the reference for the certification of people who carry out preventive
maintenance of industrial refrigeration systems. Evaluations take place on site.

## Description

The standard covers inspection of compressors and condensers.

## Competency level

Level 3.

## Element 1 of 1: E0700 Inspect the refrigeration circuit

### Performance criteria

1. Checks the pressure of the circuit with calibrated gauges.
   - Records each reading.

### Products

1. The inspection report:
   - Lists each compressor inspected.

### Knowledge

1. Refrigerant handling — Level: Application

### Attitudes, habits and values

1. Care: handles refrigerants safely.
"""

HOTEL = """\
## Propósito

Servir como referente para la recepción de huéspedes en hoteles de montaña.

## Descripción

Comprende el registro de la llegada y la entrega de la llave de la habitación.

## Nivel de competencia

Nivel 1. Realiza tareas rutinarias bajo supervisión directa.

## Elemento 1 de 1: E0300 Registrar la llegada del huésped

### Desempeños

1. Registra la llegada del huésped en el sistema de reservaciones.
"""

SECRET = f"""\
## Propósito

Borrador interno sobre la {SECRET_WORD} del comité, aún sin publicar.

## Elemento 1 de 1: E0500 Preparar la {SECRET_WORD}

### Desempeños

1. Prepara la {SECRET_WORD} con cortesía en el restaurante.
"""


def dining_with(word: str) -> str:
    """The dining text with ``word`` added to its purpose section."""
    return DINING.replace("## Descripción", f"Palabra clave: {word}.\n\n## Descripción", 1)


@dataclass
class Corpus:
    committees: dict[str, int] = field(default_factory=dict)
    standards: dict[str, int] = field(default_factory=dict)
    #: committee -> role ("chair", "union", …) -> user id
    people: dict[str, dict[str, int]] = field(default_factory=dict)
    #: e.g. "dining.01" -> "EC0001.01", "dining" -> "EC0001"
    codes: dict[str, str] = field(default_factory=dict)


def publish(standard_id: int, people: dict, **official_act):
    """Ballot the standard's head with every group approving; the chair asks for publication
    and an agency administrator publishes it."""
    chair = actor_for_user(people["chair"])
    ballot = ballots.open_ballot(chair, standard_id)
    for key, person in people.items():
        if key != "observer":
            ballots.cast_position(actor_for_user(person), ballot.id, Position.APPROVE)
    ballots.close_ballot(chair, ballot.id)
    request_publication(chair, standard_id)
    return publish_edition(actor_for_user(_agency_admin()), standard_id, **official_act)


def _agency_admin():
    admin = db.session.scalar(select(User).where(User.is_admin).order_by(User.id).limit(1))
    return admin or UserFactory(admin=True, display_name="Agencia de Estándares")


def create(people: dict, committee, title: str, language: str, level: int, body: str) -> int:
    standard = standards.create_standard(
        actor_for_user(people["chair"]),
        committee=committee,
        title=title,
        language=language,
        level=level,
        body=body,
    )
    return standard.id


def save(people: dict, standard_id: int, body: str, title: str | None = None) -> None:
    standard = db.session.get(Standard, standard_id)
    head = standard.head_revision
    standards.save_revision(
        actor_for_user(people["chair"]),
        standard_id,
        base_number=head.number,
        title=title or head.title,
        body=body,
    )


def build_corpus() -> Corpus:
    corpus = Corpus()
    tourism, tourism_people = full_committee(name="Comité de Turismo", sector="Turismo")
    education, education_people = full_committee(name="Comité de Educación", sector="Educación")
    industry, industry_people = full_committee(
        name="Industrial Maintenance Committee", sector="Manufacturing"
    )
    corpus.committees = {"tourism": tourism.id, "education": education.id, "industry": industry.id}
    corpus.people = {
        name: {role: person.id for role, person in people.items()}
        for name, people in (
            ("tourism", tourism_people),
            ("education", education_people),
            ("industry", industry_people),
        )
    }

    dining = create(
        tourism_people, tourism, "Atención a comensales en restaurantes", "es", 2, DINING
    )
    first = publish(dining, tourism_people)
    save(tourism_people, dining, DINING.replace("Nivel 2.", "Nivel 2 (revisado)."))
    second = publish(dining, tourism_people)
    assessment = create(
        education_people,
        education,
        "Evaluación de candidatos con fines de certificación",
        "es",
        3,
        ASSESSMENT,
    )
    assessment_edition = publish(assessment, education_people)
    refrigeration = create(
        industry_people,
        industry,
        "Preventive maintenance of industrial refrigeration systems",
        "en",
        3,
        REFRIGERATION,
    )
    publish(refrigeration, industry_people)
    hotel = create(tourism_people, tourism, "Recepción de huéspedes en hoteles", "es", 1, HOTEL)
    withdrawn = publish(hotel, tourism_people)
    withdraw_edition(actor_for_user(_agency_admin()), withdrawn.id, "Sin demanda.")
    secret = create(tourism_people, tourism, "Borrador de preparación", "es", 2, SECRET)

    corpus.standards = {
        "dining": dining,
        "assessment": assessment,
        "refrigeration": refrigeration,
        "hotel": hotel,
        "secret": secret,
    }
    corpus.codes = {
        "dining": db.session.get(Standard, dining).code,
        "dining.01": first.code,
        "dining.02": second.code,
        "assessment.01": assessment_edition.code,
    }
    db.session.flush()
    return corpus
