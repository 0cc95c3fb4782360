"""Demo committees and people: pure data, no Flask and no database.

Every e-mail address uses the reserved ``example.org`` domain (``@demo.example.org``).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoCommittee:
    """A sector committee (Comité de Gestión por Competencias)."""

    key: str  # slug, e.g. "turismo-hospitalidad"
    name: str
    sector: str
    description: str  # 2-3 sentences, Spanish


@dataclass(frozen=True)
class DemoSeat:
    """A person's seat on one committee."""

    committee: str  # DemoCommittee.key
    role: str  # "chair" | "member" | "observer"
    can_vote: bool
    group: str  # "industry" | "union" | "education" | "government" | "agency"


@dataclass(frozen=True)
class DemoPerson:
    key: str
    email: str
    display_name: str
    group: str  # "industry" | "union" | "education" | "government" | "agency"
    is_admin: bool
    locale: str  # "es" | "en"
    seats: tuple[DemoSeat, ...] = ()


TURISMO = "turismo-hospitalidad"
AUTOMOTRIZ = "manufactura-automotriz"
CAPACITACION = "capacitacion-formacion"

COMMITTEES: tuple[DemoCommittee, ...] = (
    DemoCommittee(
        key=TURISMO,
        name="Comité de Gestión por Competencias de Turismo y Hospitalidad",
        sector="Turismo, hospedaje y servicios de alimentos y bebidas",
        description=(
            "Reúne a cadenas hoteleras, restaurantes, sindicatos gastronómicos, escuelas de "
            "turismo y autoridades del sector para definir los estándares de competencia del "
            "servicio al huésped y al comensal. Su prioridad para este año es la atención en "
            "restaurantes, el área de pisos de los hoteles y la guía de turistas."
        ),
    ),
    DemoCommittee(
        key=AUTOMOTRIZ,
        name="Comité de Gestión por Competencias de la Industria Automotriz del Bajío",
        sector="Manufactura de equipo de transporte y autopartes",
        description=(
            "Integrado por armadoras, proveedores de autopartes, el sindicato metalúrgico, "
            "universidades tecnológicas y la Secretaría de Economía. Desarrolla estándares para "
            "la soldadura, la pintura, la inspección de calidad y el mantenimiento de las plantas "
            "de manufactura automotriz."
        ),
    ),
    DemoCommittee(
        key=CAPACITACION,
        name="Comité de Gestión por Competencias de Capacitación y Formación para el Trabajo",
        sector="Servicios educativos y de capacitación para el trabajo",
        description=(
            "Define los estándares de quienes diseñan, imparten y evalúan la capacitación en los "
            "centros de trabajo. Participan empresas con áreas de formación, sindicatos, "
            "instituciones educativas y la autoridad laboral, con el apoyo técnico de la agencia."
        ),
    ),
)


def _seat(committee: str, role: str, group: str, can_vote: bool | None = None) -> DemoSeat:
    if can_vote is None:
        can_vote = role != "observer"
    return DemoSeat(committee=committee, role=role, can_vote=can_vote, group=group)


def _person(
    key: str,
    display_name: str,
    group: str,
    *seats: DemoSeat,
    is_admin: bool = False,
    locale: str = "es",
) -> DemoPerson:
    return DemoPerson(
        key=key,
        email=f"{key}@demo.example.org",
        display_name=display_name,
        group=group,
        is_admin=is_admin,
        locale=locale,
        seats=tuple(seats),
    )


PEOPLE: tuple[DemoPerson, ...] = (
    # --- agency staff (administrators) ---
    _person("ana.garza", "Ana Sofía Garza Villarreal", "agency", is_admin=True),
    _person(
        "rodrigo.pena",
        "Rodrigo Peña Ibáñez",
        "agency",
        _seat(TURISMO, "observer", "agency"),
        _seat(CAPACITACION, "observer", "agency"),
        is_admin=True,
    ),
    # --- Turismo y Hospitalidad ---
    _person(
        "lucia.hernandez", "Lucía Hernández Ortiz", "industry", _seat(TURISMO, "chair", "industry")
    ),
    _person("jorge.munoz", "Jorge Muñoz Treviño", "industry", _seat(TURISMO, "member", "industry")),
    _person(
        "maria.jose.beltran",
        "María José Beltrán Núñez",
        "union",
        _seat(TURISMO, "member", "union"),
        _seat(CAPACITACION, "member", "union"),
    ),
    _person(
        "emily.carter",
        "Emily Carter",
        "education",
        _seat(TURISMO, "member", "education"),
        locale="en",
    ),
    _person(
        "hector.salinas",
        "Héctor Salinas Cázares",
        "government",
        _seat(TURISMO, "member", "government"),
    ),
    # a technical expert of the drafting group: edits, does not vote
    _person(
        "sofia.acuna",
        "Sofía Acuña Peñaloza",
        "industry",
        _seat(TURISMO, "member", "industry", can_vote=False),
    ),
    # --- Industria automotriz ---
    _person(
        "fernando.ibarra",
        "Fernando Ibarra Zúñiga",
        "industry",
        _seat(AUTOMOTRIZ, "chair", "industry"),
    ),
    _person(
        "guadalupe.cardenas",
        "Guadalupe Cárdenas Ríos",
        "industry",
        _seat(AUTOMOTRIZ, "member", "industry"),
        _seat(CAPACITACION, "member", "industry"),
    ),
    _person(
        "raul.dominguez", "Raúl Domínguez Olvera", "union", _seat(AUTOMOTRIZ, "member", "union")
    ),
    _person(
        "patricia.leon",
        "Patricia León Saldaña",
        "education",
        _seat(AUTOMOTRIZ, "member", "education"),
        _seat(CAPACITACION, "chair", "education"),
    ),
    _person(
        "ines.valdes",
        "Inés Valdés Guzmán",
        "government",
        _seat(AUTOMOTRIZ, "member", "government"),
        _seat(CAPACITACION, "member", "government"),
    ),
    _person(
        "david.mitchell",
        "David Mitchell",
        "industry",
        _seat(AUTOMOTRIZ, "member", "industry"),
        locale="en",
    ),
    _person(
        "tomas.garcia",
        "Tomás García Espinoza",
        "industry",
        _seat(AUTOMOTRIZ, "member", "industry", can_vote=False),
    ),
    _person(
        "beatriz.ochoa",
        "Beatriz Ochoa Lira",
        "government",
        _seat(AUTOMOTRIZ, "observer", "government"),
    ),
    # --- Capacitación y Formación para el Trabajo ---
    _person(
        "ximena.arreola",
        "Ximena Arreola Quiñones",
        "education",
        _seat(CAPACITACION, "member", "education"),
    ),
    _person(
        "sarah.collins",
        "Sarah Collins",
        "education",
        _seat(CAPACITACION, "member", "education", can_vote=False),
        locale="en",
    ),
    _person(
        "armando.quintero",
        "Armando Quintero Bañuelos",
        "union",
        _seat(CAPACITACION, "observer", "union"),
    ),
)
