"""Time diff_texts against difflib.HtmlDiff on a ~1,500-word standard with scattered edits.

Run from the project root: ``PYTHONPATH=. python benchmarks/bench_diff.py [runs]``.
"""

from __future__ import annotations

import difflib
import random
import statistics
import sys
import time
from collections.abc import Callable

from wiki.standards.diffing import diff_texts, split_lines

FUNCTIONS = [
    "Impartición de cursos de capacitación presenciales",
    "Evaluación de la competencia de candidatos con base en estándares",
    "Diseño de cursos de formación del capital humano",
    "Atención al ciudadano en el sector público",
    "Elaboración de alimentos en establecimientos de pequeña escala",
]

CRITERIA = [
    "Presenta el objetivo general del curso al inicio de la sesión, de acuerdo con la carta "
    "descriptiva y utilizando un lenguaje claro y comprensible para el grupo.",
    "Explica la forma de evaluación, los criterios de acreditación y el calendario de "
    "actividades del año en curso, y resuelve las dudas de los participantes.",
    "Aplica la evaluación diagnóstica a los participantes mediante el instrumento elaborado "
    "durante el diseño del curso, y registra los resultados obtenidos.",
    "Desarrolla los temas con técnicas instruccionales acordes con el contenido, verificando "
    "la comprensión del grupo mediante preguntas dirigidas y ejemplos prácticos.",
    "Utiliza los materiales didácticos y el equipo de apoyo conforme a la planeación, sin "
    "interrumpir la secuencia de la sesión ni la participación del grupo.",
    "Retroalimenta a los participantes sobre su desempeño, señalando los aciertos y las áreas "
    "de oportunidad en un ambiente de respeto y cordialidad.",
    "Cierra la sesión con una síntesis de los temas tratados, relacionándolos con los "
    "objetivos particulares y con la aplicación en el puesto de trabajo.",
    "Integra el portafolio de evidencias con los productos y registros señalados en el "
    "estándar, foliado y firmado por el candidato y por el evaluador.",
]

PRODUCTS = [
    "El reporte de la evaluación de satisfacción del curso, que incluye la opinión de los "
    "participantes sobre el instructor, los materiales y las instalaciones.",
    "La lista de asistencia firmada por los participantes, con nombre completo, fecha, "
    "número de sesión y firma del instructor responsable.",
    "El informe final del curso, con los resultados de aprendizaje, las incidencias "
    "ocurridas y las recomendaciones para la siguiente emisión.",
]

KNOWLEDGE = [
    "Principios del aprendizaje de las personas adultas: nivel de conocimiento.",
    "Tipos de evaluación: diagnóstica, formativa y sumativa; nivel de comprensión.",
    "Técnicas grupales y su aplicación en la enseñanza: nivel de aplicación.",
]

ATTITUDES = [
    "Amabilidad: la manera en que se dirige a los participantes con cortesía y respeto.",
    "Responsabilidad: la manera en que inicia y concluye la sesión en el horario previsto.",
    "Tolerancia: la manera en que atiende las opiniones y el ritmo de aprendizaje del grupo.",
]

EDIT_WORDS = ["señalada", "pertinente", "validada", "autorizada", "año", "niño", "revisión"]


def build_standard() -> str:
    """Write a standard of about 1,500 words in the shape CONOCER publishes them."""
    rng = random.Random(7)
    lines = [
        "# EC0217.01 Impartición de cursos de formación del capital humano",
        "",
        "## Propósito del estándar de competencia",
        "",
        "Servir como referente para la evaluación y certificación de las personas que imparten "
        "cursos de capacitación de manera presencial y grupal, con base en el diseño previo.",
        "",
        "Nivel de competencia: tres. Comité de gestión por competencias del sector educativo.",
        "",
        "## Justificación",
        "",
        "La capacitación del personal es una necesidad de las organizaciones de todos los "
        "sectores. Este estándar reconoce a quien conduce grupos de aprendizaje con orden, "
        "claridad y respeto, y permite que la evaluación se realice con criterios comunes en "
        "todo el país, sin importar el tamaño de la empresa ni el año de su fundación.",
        "",
    ]
    for element in range(1, 6):
        lines += [f"## Elemento {element} de 5: {FUNCTIONS[element - 1]}", "", "### Desempeños", ""]
        lines += [f"{n}. {text}" for n, text in enumerate(rng.sample(CRITERIA, 6), 1)]
        lines += ["", "### Productos", ""]
        lines += [f"{n}. {text}" for n, text in enumerate(rng.sample(PRODUCTS, 2), 1)]
        lines += ["", "### Conocimientos", ""]
        lines += [f"- {text}" for text in rng.sample(KNOWLEDGE, 2)]
        lines += ["", "### Actitudes, hábitos y valores", ""]
        lines += [f"- {text}" for text in rng.sample(ATTITUDES, 2)]
        lines += ["", "Glosario: candidato, evaluador, instrumento de evaluación, portafolio.", ""]
    return "\n".join(lines) + "\n"


def scatter_edits(text: str, count: int = 15) -> str:
    """Change one word in each of `count` lines spread through the text."""
    rng = random.Random(11)
    lines = split_lines(text)
    candidates = [index for index, line in enumerate(lines) if len(line.split()) > 4]
    for index in sorted(rng.sample(candidates, count)):
        words = lines[index].split(" ")
        words[rng.randrange(1, len(words))] = rng.choice(EDIT_WORDS)
        lines[index] = " ".join(words)
    return "\n".join(lines) + "\n"


def median_ms(function: Callable[[], object], runs: int) -> float:
    """Median wall time of `runs` calls, in milliseconds."""
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    old = build_standard()
    new = scatter_edits(old)
    old_lines, new_lines = old.splitlines(), new.splitlines()
    diff = diff_texts(old, new)
    print(f"words: {len(old.split())}, lines: {len(old_lines)}, runs: {runs}")
    print(f"changed lines: +{diff.added} -{diff.removed} in {len(diff.hunks)} hunks")
    ours = median_ms(lambda: diff_texts(old, new), runs)
    ours_rows = median_ms(lambda: diff_texts(old, new).side_by_side_rows(), runs)
    html = median_ms(
        lambda: difflib.HtmlDiff().make_table(old_lines, new_lines, context=True), runs
    )
    print(f"diff_texts:                      {ours:7.2f} ms (median)")
    print(f"diff_texts + side_by_side_rows:  {ours_rows:7.2f} ms (median)")
    print(f"difflib.HtmlDiff().make_table:   {html:7.2f} ms (median)")


if __name__ == "__main__":
    main()
