"""The costliest Markdown the renderer accepts, and texts just past each limit.

Shared by the time-budget test (``tests/unit/test_render_limits.py``) and
``benchmarks/bench_render.py``. Each worst case sits at the limits of
``wiki.standards.markdown_limits``: as many lines, lines per block and marks as allowed.
"""

from pathlib import Path

from wiki.standards.markdown_limits import (
    MAX_BLOCK_LINES,
    MAX_HEADINGS,
    MAX_LINES,
    MAX_MARKS,
    MAX_TEXT_CHARS,
    MAX_TEXT_NESTING,
)

NORMAL_STANDARD = (
    Path(__file__).resolve().parent.parent / "wiki/demo/content/facilitacion-cursos-presenciales.md"
).read_text(encoding="utf-8")


def in_blocks(line, lines: int = MAX_LINES, per_block: int = MAX_BLOCK_LINES) -> str:
    """``lines`` lines made by ``line(i)``, a blank line after every ``per_block`` of them."""
    out = []
    for i in range(lines):
        if i and i % per_block == 0:
            out.append("")
        out.append(line(i))
    return "\n".join(out[:lines]) + "\n"


def one_paragraph_per_line(line, lines: int = MAX_LINES) -> str:
    return "\n\n".join(line(i) for i in range(lines // 2)) + "\n"


def nested_items(i: int) -> str:
    depth = i % MAX_TEXT_NESTING
    return "    " * depth + f"- criterio {i}"


def realistic(lines: int = MAX_LINES) -> str:
    text, copies = "", 0
    while text.count("\n") + NORMAL_STANDARD.count("\n") + 1 <= lines:
        text += NORMAL_STANDARD.replace("# ", f"# ({copies}) ", 1) + "\n"
        copies += 1
    return text


def table_row(i: int) -> str:
    row = i % MAX_BLOCK_LINES
    return "a | b" if row == 0 else "--|--" if row == 1 else f"x{i} | y"


def wide_table(pipes: int) -> str:
    columns = pipes // 3 - 1
    rows = ("|" + " a |" * columns, "|" + "---|" * columns, "|" + " x |" * columns)
    return "\n".join(rows) + "\n"


#: name -> a text at the limits, among the slowest to render of its kind
WORST_ACCEPTED = {
    "realistic_standard": realistic(),
    "heading_blocks": in_blocks(lambda i: f"## Sección {i}" if i < MAX_HEADINGS else f"texto {i}"),
    "rule_blocks": in_blocks(lambda i: "---" if 0 < i <= MAX_HEADINGS else f"texto {i}"),
    "setext_blocks": in_blocks(
        lambda i: "-" if i % 2 and i < 2 * MAX_HEADINGS else f"Título {i}"
    ),
    "headings_apart": one_paragraph_per_line(
        lambda i: f"### Elemento {i} de la norma" if i < MAX_HEADINGS else f"Texto {i}."
    ),
    "same_heading": one_paragraph_per_line(
        lambda i: "## Propósito" if i < MAX_HEADINGS else "Texto."
    ),
    "paragraphs_apart": one_paragraph_per_line(lambda i: f"Párrafo {i} del estándar."),
    "list_blocks": in_blocks(lambda i: f"- desempeño {i} del elemento"),
    "loose_list": one_paragraph_per_line(lambda i: f"{i + 1}. desempeño del elemento"),
    "nested_lists": in_blocks(nested_items),
    "nested_quotes": in_blocks(lambda i: "> " * MAX_TEXT_NESTING + f"cita {i}"),
    "table_rows": in_blocks(table_row, lines=MAX_MARKS),
    "wide_table": wide_table(MAX_MARKS),
    "emphasis_one_line": "*a* " * (MAX_MARKS // 2) + "\n",
    "strong_one_line": "**a** " * (MAX_MARKS // 2) + "\n",
    "links_one_line": "[a](b) " * MAX_MARKS + "\n",
    "autolinks_one_line": "<http://a.mx> " * MAX_MARKS + "\n",
    "entities_one_line": "&amp;" * MAX_MARKS + "\n",
    "escapes_one_line": "\\-" * MAX_MARKS + "\n",
    "code_spans_one_line": "`a` " * (MAX_MARKS // 2) + "\n",
    "hard_breaks": in_blocks(lambda i: f"línea {i}  " if i < MAX_MARKS else f"línea {i}"),
    "footnotes": one_paragraph_per_line(
        lambda i: f"nota[^{i}]" if i < MAX_MARKS // 2 else f"[^{i - MAX_MARKS // 2}]: texto"
    ),
    "reference_links": in_blocks(lambda i: f"[r{i}]: http://ejemplo.mx/{i}", lines=MAX_MARKS),
    "html_blocks": in_blocks(lambda i: f"<div>{i}</div>", lines=MAX_MARKS // 2),
    "long_lines": in_blocks(
        lambda i: "palabra " * (MAX_TEXT_CHARS // MAX_LINES // 8 - 1), per_block=MAX_BLOCK_LINES
    ),
    "indented_code": in_blocks(lambda i: f"    código {i}"),
}

#: name -> (a text just past one limit, the words its refusal must contain)
JUST_OVER = {
    "lines": ("párrafo\n\n" * (MAX_LINES // 2) + "fin\n", f"Line {MAX_LINES + 1}:"),
    "block_lines": (
        "texto\n\n" + in_blocks(lambda i: f"## Sección {i}", lines=MAX_BLOCK_LINES + 1,
                                per_block=MAX_BLOCK_LINES + 1),
        f"Line {MAX_BLOCK_LINES + 3}: the block that starts on line 3",
    ),
    "headings": (
        "texto\n\n" + "## Sección\n\n" * MAX_HEADINGS + "Título\n-\n",
        f"Line {2 * MAX_HEADINGS + 4}: a text may have at most {MAX_HEADINGS} headings",
    ),
    "marks": ("*a* " * (MAX_MARKS // 2) + "&\n", "Line 1:"),
    "marks_on_a_later_line": ("texto\n\n" + "[a](b) " * (MAX_MARKS + 1), "Line 3:"),
    "pipes": (wide_table(MAX_MARKS + 3), "formatting marks"),
}
