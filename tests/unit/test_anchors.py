"""Rendered standards carry each part's stable id as its anchor."""

import re

from wiki.standards.rendering import render_markdown
from wiki.standards.structure import parse_structure

BODY = """## Propósito

Evaluar la gestión del almacén.

## Elemento 1 de 2: E0101 Recibir mercancía

### Desempeños

1. Verifica la remisión contra la orden de compra.
2. Registra las diferencias encontradas.

### Conocimientos

1. Tipos de documentos de embarque — Nivel: Comprensión

## Elemento 2 de 2: E0102 Almacenar mercancía

### Desempeños

1. Coloca la mercancía según el diseño del almacén.

## Glosario

1. **Remisión**: documento que acompaña la mercancía.
"""


def _anchors(text, previous=None):
    structure = parse_structure(text, previous)
    html = render_markdown(text, structure).html
    return structure, re.findall(r'<(?:h2|h3|li) id="([^"]+)"[^>]*>(.*?)</', html, re.S)


def test_sections_elements_subsections_and_items_get_their_structure_ids():
    _, anchors = _anchors(BODY)
    ids = [anchor for anchor, _ in anchors]
    assert ids == [
        "s-purpose",
        "E0101",
        "E0101-performance",
        "E0101-d1",
        "E0101-d2",
        "E0101-knowledge",
        "E0101-k1",
        "E0102",
        "E0102-performance",
        "E0102-d1",
        "s-glossary",
        "s-glossary-g1",
    ]


def test_a_criterion_keeps_its_anchor_when_one_is_inserted_before_it():
    first, _ = _anchors(BODY)
    edited = BODY.replace(
        "1. Verifica la remisión", "1. Revisa el sello del transporte.\n2. Verifica la remisión"
    ).replace("2. Registra las diferencias", "3. Registra las diferencias")
    _, anchors = _anchors(edited, first)
    by_text = {text.strip(): anchor for anchor, text in anchors}
    assert by_text["Verifica la remisión contra la orden de compra."] == "E0101-d1"
    assert by_text["Registra las diferencias encontradas."] == "E0101-d2"
    assert by_text["Revisa el sello del transporte."] == "E0101-d3"


def test_without_structure_headings_keep_their_text_slugs():
    html = render_markdown(BODY).html
    assert 'id="propósito"' in html
    assert 'id="E0101-d1"' not in html
