import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from wiki.standards.structure import (
    Element,
    Item,
    ItemKind,
    Section,
    Structure,
    Warning,
    normalize_heading,
    parse_structure,
)

TEMPLATES = Path("wiki/standards/templates")

COMENSALES = """\
# Atención a comensales en restaurantes

## Propósito

Servir como referente para la evaluación y certificación de las personas que atienden a comensales
en restaurantes: recepción, toma de la orden, servicio de alimentos y bebidas, y cobro de la cuenta.

## Descripción

El estándar describe la recepción del comensal, la toma y el servicio de su orden, y el cierre del
servicio. Las evidencias son desempeños observados en el área de servicio y la comanda
elaborada.

## Nivel de competencia

Nivel 2: desempeña actividades programadas, en su mayoría rutinarias y predecibles.

## Elemento 1 de 2: E0875 Recibir al comensal y tomar su orden

### Desempeños

1. Recibe al comensal en la entrada del restaurante:
   - Saludándolo con amabilidad y por su nombre, cuando lo conoce.
   - Preguntándole el número de personas y si tiene reservación.
2. Asigna la mesa al comensal:
   - De acuerdo con la disponibilidad y las preferencias que manifiesta.
3. Toma la orden del comensal:
   - Ofreciéndole la carta y las sugerencias del día.
   - Informándole sobre alérgenos cuando lo pregunta.

### Productos

1. La comanda elaborada:
   - Contiene el número de mesa, de comensales y la hora.
   - Registra cada platillo con sus indicaciones especiales (sin piñón, término de la carne).

### Conocimientos

1. Tipos de servicio en restaurantes (americano, ruso, francés) — Nivel: Comprensión
2. Alérgenos más frecuentes en los alimentos — Nivel: Conocimiento

### Actitudes, hábitos y valores

1. Amabilidad: la manera en que saluda al comensal y atiende sus peticiones.
2. Responsabilidad: la manera en que registra la orden completa en la comanda.

### Glosario

1. **Comanda**: documento en que se registra la orden del comensal para la cocina.
2. **Comensal**: persona que consume alimentos o bebidas en el restaurante.

## Elemento 2 de 2: E0876 Servir los alimentos y cobrar la cuenta

### Desempeños

1. Sirve los alimentos y bebidas:
   - Por el lado que corresponde al tipo de servicio.
   - Verificando que coincidan con la comanda.
2. Presenta la cuenta al comensal:
   - Cuando el comensal la solicita.

### Productos

1. La cuenta entregada:
   - Coincide con los consumos registrados en la comanda.

### Conocimientos

1. Formas de pago y su manejo en caja — Nivel: Aplicación

### Actitudes, hábitos y valores

1. Orden: la manera en que mantiene limpia y ordenada la estación de servicio.

## Referencias

- NOM-251-SSA1-2009, Prácticas de higiene para el proceso de alimentos, bebidas o suplementos.
"""

REFRIGERATION = """\
## Purpose

To serve as the reference for assessing people who carry out preventive maintenance of
industrial refrigeration systems.

## Description

Covers planning the maintenance, inspecting and cleaning components, and recording the results.

## Competency level

Level 3.

## Element 1 of 2: E1201 Inspect the refrigeration system

### Performance criteria

1. Checks the refrigerant pressure:
   - Using calibrated gauges.
2. Inspects the condenser coils for dirt and damage.

### Products

1. The completed inspection checklist:
   - Lists every component inspected.

### Knowledge

1. The vapour-compression cycle — Level: Comprehension

### Attitudes, habits and values

1. Responsibility: how the person follows the lock-out procedure before opening panels.

### Glossary

- **Condenser**: heat exchanger that rejects heat from the refrigerant.

## Element 2 of 2: E1202 Record the maintenance

### Performance criteria

1. Records readings in the maintenance log.

### Products

1. The maintenance log, signed by the supervisor.

### Knowledge

1. Refrigerant handling regulations (Level: Knowledge)

## References

- ISO 5149-4:2022.
"""


ASSIGN_TABLE = (
    "2. Asigna la mesa al comensal:\n"
    "   - De acuerdo con la disponibilidad y las preferencias que manifiesta."
)


def ids_of(structure: Structure, element_id: str, kind: ItemKind) -> list[str]:
    element = structure.find(element_id)
    assert isinstance(element, Element)
    return [item.id for item in element.items if item.kind is kind]


def item_with_text(structure: Structure, fragment: str) -> Item:
    matches = [item for item in structure.iter_items() if fragment in item.canonical_text()]
    assert len(matches) == 1, matches
    return matches[0]


def codes(structure: Structure) -> list[str]:
    return [warning.code for warning in structure.warnings]


# Templates and realistic standards


def test_both_templates_parse_without_warnings():
    for name in ("standard_es.md", "standard_en.md"):
        structure = parse_structure((TEMPLATES / name).read_text(encoding="utf-8"))
        assert structure.warnings == ()
        assert [s.key for s in structure.sections] == [
            "purpose",
            "description",
            "level",
            "references",
        ]
        assert [e.id for e in structure.elements] == ["E0001", "E0002"]
        assert {item.kind for item in structure.elements[0].items} == set(ItemKind)


def test_spanish_standard_parses_into_elements_and_criteria():
    structure = parse_structure(COMENSALES)
    assert structure.warnings == ()
    assert [s.id for s in structure.sections] == [
        "s-purpose",
        "s-description",
        "s-level",
        "s-references",
    ]
    first, second = structure.elements
    assert (first.id, first.code, first.number, first.title) == (
        "E0875",
        "E0875",
        1,
        "Recibir al comensal y tomar su orden",
    )
    assert second.number == 2
    assert ids_of(structure, "E0875", ItemKind.PERFORMANCE) == ["E0875-d1", "E0875-d2", "E0875-d3"]
    reception = structure.find("E0875-d1")
    assert reception.text == "Recibe al comensal en la entrada del restaurante:"
    assert reception.sub_items == (
        "Saludándolo con amabilidad y por su nombre, cuando lo conoce.",
        "Preguntándole el número de personas y si tiene reservación.",
    )
    assert "sin piñón" in structure.find("E0875-p1").sub_items[1]
    knowledge = structure.find("E0875-k1")
    assert (knowledge.text, knowledge.level) == (
        "Tipos de servicio en restaurantes (americano, ruso, francés)",
        "Comprensión",
    )
    attitude = structure.find("E0875-a2")
    assert (attitude.term, attitude.text) == (
        "Responsabilidad",
        "la manera en que registra la orden completa en la comanda.",
    )
    term = structure.find("E0875-g1")
    assert (term.term, term.text) == (
        "Comanda",
        "documento en que se registra la orden del comensal para la cocina.",
    )
    assert structure.find("E0876-k1").level == "Aplicación"
    assert structure.find("s-purpose").text.startswith("Servir como referente")


def test_english_standard_parses_with_both_level_spellings():
    structure = parse_structure(REFRIGERATION)
    assert codes(structure) == []
    assert [e.id for e in structure.elements] == ["E1201", "E1202"]
    assert structure.find("E1201-k1").level == "Comprehension"
    assert structure.find("E1202-k1").text == "Refrigerant handling regulations"
    assert structure.find("E1202-k1").level == "Knowledge"
    assert structure.find("E1201-g1").term == "Condenser"


def test_headings_match_without_accents_or_case():
    text = COMENSALES.replace("### Desempeños", "### DESEMPENOS").replace(
        "## Propósito", "## proposito:"
    )
    structure = parse_structure(text)
    assert structure.warnings == ()
    assert structure.find("s-purpose") is not None
    assert len(ids_of(structure, "E0876", ItemKind.PERFORMANCE)) == 2


def test_normalize_heading_strips_accents_and_punctuation():
    assert normalize_heading("  Actitudes, Hábitos y Valores: ") == "actitudes habitos y valores"


def test_document_level_glossary_is_a_section_with_items():
    structure = parse_structure(
        COMENSALES + "\n## Glosario\n\n- **Carta**: lista de platillos.\n- Menú: carta del día.\n"
    )
    glossary = structure.find("s-glossary")
    assert isinstance(glossary, Section)
    assert [(i.id, i.term) for i in glossary.items] == [
        ("s-glossary-g1", "Carta"),
        ("s-glossary-g2", "Menú"),
    ]
    assert "s-glossary-g2" in structure.part_ids()


def test_headings_inside_code_fences_are_ignored():
    text = COMENSALES.replace(
        "## Referencias", "```\n## Elemento 3 de 3: E9999 Falso\n```\n\n## Referencias"
    )
    structure = parse_structure(text)
    assert [e.id for e in structure.elements] == ["E0875", "E0876"]


def test_part_text_changes_only_with_the_part():
    before = parse_structure(COMENSALES)
    after = parse_structure(COMENSALES.replace("por su nombre", "por su apellido"), previous=before)
    assert after.part_text("E0875-d1") != before.part_text("E0875-d1")
    assert after.part_text("E0875") != before.part_text("E0875")
    assert after.part_text("E0875-d2") == before.part_text("E0875-d2")
    assert after.part_text("E0876") == before.part_text("E0876")
    assert after.part_text("s-purpose") == before.part_text("s-purpose")
    assert after.part_text("nope") is None
    assert after.find("nope") is None


# Stable identifiers


def test_inserting_a_criterion_keeps_the_others_ids():
    before = parse_structure(COMENSALES)
    text = COMENSALES.replace(
        "1. Recibe al comensal",
        "1. Verifica la limpieza del área de recepción antes de abrir.\n2. Recibe al comensal",
        1,
    )
    after = parse_structure(text, previous=before)
    assert item_with_text(after, "Recibe al comensal").id == "E0875-d1"
    assert item_with_text(after, "Asigna la mesa").id == "E0875-d2"
    assert item_with_text(after, "Verifica la limpieza").id == "E0875-d4"
    assert [i.number for i in after.find("E0875").items if i.kind is ItemKind.PERFORMANCE] == [
        1,
        2,
        3,
        4,
    ]


def test_deleted_ids_are_never_reused():
    first = parse_structure(COMENSALES)
    without = COMENSALES.replace("3. Toma la orden del comensal:", "- Toma la orden del comensal:")
    without = without.replace(
        ASSIGN_TABLE + "\n",
        "",
    )
    second = parse_structure(without, previous=first)
    assert "E0875-d2" not in second.part_ids()
    assert item_with_text(second, "Toma la orden").id == "E0875-d3"
    third = parse_structure(without + "", previous=second)
    readded = COMENSALES.replace(
        "2. Asigna la mesa al comensal:", "2. Asigna una mesa libre al comensal:"
    )
    fourth = parse_structure(readded, previous=third)
    assert item_with_text(fourth, "Asigna una mesa").id == "E0875-d4"
    assert fourth.serials["E0875-d"] == 4


def test_rewording_keeps_the_id():
    before = parse_structure(COMENSALES)
    after = parse_structure(
        COMENSALES.replace("Asigna la mesa al comensal:", "Asigna la mesa adecuada al comensal:"),
        previous=before,
    )
    assert item_with_text(after, "Asigna la mesa adecuada").id == "E0875-d2"


def test_rewriting_completely_gives_a_new_id():
    before = parse_structure(COMENSALES)
    after = parse_structure(
        COMENSALES.replace(
            ASSIGN_TABLE,
            "2. Explica el menú infantil y las opciones vegetarianas disponibles hoy.",
        ),
        previous=before,
    )
    assert item_with_text(after, "menú infantil").id == "E0875-d4"


def test_moving_elements_keeps_ids():
    before = parse_structure(COMENSALES)
    head, rest = COMENSALES.split("## Elemento 1 de 2", 1)
    first, rest = rest.split("## Elemento 2 de 2", 1)
    second, tail = rest.split("## Referencias", 1)
    swapped = (
        head
        + "## Elemento 1 de 2"
        + second
        + "## Elemento 2 de 2"
        + first
        + "## Referencias"
        + tail
    )
    after = parse_structure(swapped, previous=before)
    assert [e.id for e in after.elements] == ["E0876", "E0875"]
    assert [e.number for e in after.elements] == [1, 2]
    assert after.part_ids() == before.part_ids()
    for part_id in before.part_ids() - {"E0875", "E0876"}:
        assert after.part_text(part_id) == before.part_text(part_id)


def test_editing_one_element_leaves_the_other_alone():
    before = parse_structure(COMENSALES)
    after = parse_structure(
        COMENSALES.replace("1. Sirve los alimentos", "1. Sirve con cuidado los alimentos"),
        previous=before,
    )
    assert ids_of(after, "E0875", ItemKind.PERFORMANCE) == ids_of(
        before, "E0875", ItemKind.PERFORMANCE
    )
    assert item_with_text(after, "Sirve con cuidado").id == "E0876-d1"


def test_identical_items_keep_their_ids_in_order():
    text = (
        "## Elemento 1 de 1: E0100 Prueba\n\n### Desempeños\n\n1. Repite.\n2. Repite.\n3. Otro.\n"
    )
    before = parse_structure(text)
    after = parse_structure(text.replace("3. Otro.", "3. Repite.\n4. Otro."), previous=before)
    assert ids_of(after, "E0100", ItemKind.PERFORMANCE) == [
        "E0100-d1",
        "E0100-d2",
        "E0100-d4",
        "E0100-d3",
    ]


def test_renaming_an_element_code_makes_a_new_element():
    before = parse_structure(COMENSALES)
    after = parse_structure(COMENSALES.replace("E0876", "E0877"), previous=before)
    assert "E0876-d1" not in after.part_ids()
    assert ids_of(after, "E0877", ItemKind.PERFORMANCE) == ["E0877-d1", "E0877-d2"]
    assert after.serials["E0876-d"] == 2


def test_codeless_element_keeps_its_id_by_title():
    text = (
        "## Elemento 1 de 2: E0100 Con código\n\n### Desempeños\n\n1. A.\n\n"
        "## Elemento 2 de 2: Sin código\n\n### Desempeños\n\n1. B.\n"
    )
    before = parse_structure(text)
    assert [e.id for e in before.elements] == ["E0100", "e2"]
    assert codes(before) == ["element_without_code"]
    moved = text.replace("## Elemento 1 de 2: E0100 Con código\n\n### Desempeños\n\n1. A.\n\n", "")
    after = parse_structure(moved.replace("Elemento 2 de 2", "Elemento 1 de 1"), previous=before)
    assert [e.id for e in after.elements] == ["e2"]
    assert after.find("e2-d1").text == "B."


# Warnings


def test_warnings_are_data_with_lines():
    text = (
        "## Propósito\n\nTexto.\n\n### Desempeños\n\n1. Suelto.\n\n"
        "## Datos generales\n\nTexto.\n\n"
        "## Elemento 1 de 3: Sin código\n\n### Desempeños\n\n1. A.\n\n### Cosas\n\n- x\n\n"
        "## Elemento 2 de 3: E0001 Vacío\n\n"
        "## Elemento 3 de 3: E0001 Repetido\n\n### Conocimientos\n\n1. Sin nivel\n"
    )
    structure = parse_structure(text)
    assert [(w.code, w.line) for w in structure.warnings] == [
        ("criteria_outside_element", 5),
        ("unknown_section", 9),
        ("element_without_code", 13),
        ("unknown_subsection", 19),
        ("duplicate_element_code", 23),
        ("empty_element", 23),
        ("duplicate_element_code", 25),
        ("knowledge_without_level", 29),
    ]
    assert structure.warnings[1] == Warning("unknown_section", 9, "Datos generales")
    assert [e.id for e in structure.elements] == ["e1", "e2", "e3"]
    assert structure.find("s-other-datos-generales").key == "other"
    assert "Suelto" in structure.find("s-purpose").text


def test_element_count_and_number_mismatch():
    text = (
        "## Elemento 1 de 3: E0001 A\n\n### Desempeños\n\n1. x\n\n"
        "## Elemento 3 de 3: E0002 B\n\n### Productos\n\n1. y\n"
    )
    structure = parse_structure(text)
    assert [(w.code, w.detail) for w in structure.warnings] == [
        ("element_count_mismatch", "declared=3 found=2"),
        ("element_number_mismatch", "declared=3 position=2"),
    ]


def test_duplicate_sections_get_distinct_ids():
    structure = parse_structure("## Propósito\n\nuno\n\n## Purpose\n\ndos\n\n## Otra\n\n## Otra\n")
    assert [s.id for s in structure.sections] == [
        "s-purpose",
        "s-purpose-2",
        "s-other-otra",
        "s-other-otra-2",
    ]
    assert "duplicate_section" in codes(structure)


def test_empty_text_gives_an_empty_structure():
    assert parse_structure("") == Structure()


# Storage


def test_to_dict_round_trips_through_json():
    first = parse_structure(COMENSALES + "\n## Glosario\n\n- **Carta**: lista.\n")
    second = parse_structure(COMENSALES.replace("E0876", "E0877"), previous=first)
    for structure in (first, second):
        data = json.loads(json.dumps(structure.to_dict()))
        assert data["version"] == 1
        assert Structure.from_dict(data) == structure
    again = parse_structure(COMENSALES, previous=Structure.from_dict(second.to_dict()))
    assert "E0876-d1" not in again.part_ids()
    assert ids_of(again, "E0876", ItemKind.PERFORMANCE) == ["E0876-d3", "E0876-d4"]


# Robustness

LINES = st.sampled_from(
    [
        "## Propósito",
        "## Purpose",
        "## Glosario",
        "## Elemento 1 de 2: E0001 A",
        "## Elemento 2 de 2: E0001 B",
        "## Elemento 1 de 1: Sin código",
        "## Element 2 of 2: E0002 C",
        "## Otra cosa",
        "## Otra cosa",
        "### Desempeños",
        "### Productos",
        "### Conocimientos",
        "### Actitudes, hábitos y valores",
        "### Glosario",
        "### Desconocida",
        "# Título",
        "1. criterio",
        "1. criterio",
        "2. otro criterio — Nivel: Aplicación",
        "   - sub",
        "- **Término**: definición",
        "- Término: definición",
        "texto",
        "",
        "```",
        "~~~",
        "    código",
        "1.",
        "-",
        "##",
        "#",
        ">",
        "\t- tab",
    ]
)
DOCUMENTS = st.lists(st.one_of(LINES, st.text(max_size=30)), max_size=40).map("\n".join)


def assert_well_formed(structure: Structure) -> None:
    parts = [s.id for s in structure.sections] + [e.id for e in structure.elements]
    parts += [item.id for item in structure.iter_items()]
    assert len(parts) == len(set(parts))
    assert Structure.from_dict(json.loads(json.dumps(structure.to_dict()))) == structure


@settings(max_examples=300, deadline=None)
@given(DOCUMENTS)
def test_any_text_parses_without_raising_and_ids_are_unique(text):
    assert_well_formed(parse_structure(text))


@settings(max_examples=200, deadline=None)
@given(DOCUMENTS, DOCUMENTS, DOCUMENTS)
def test_removed_item_ids_never_come_back(a, b, c):
    first = parse_structure(a)
    second = parse_structure(b, previous=first)
    third = parse_structure(c, previous=second)
    for structure in (second, third):
        assert_well_formed(structure)
    items = lambda s: {item.id for item in s.iter_items()}  # noqa: E731
    assert items(third) & items(first) <= items(second)
