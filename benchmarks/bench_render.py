"""Render times of the costliest Markdown the wiki accepts, as ratios to a normal standard.

Each case of ``tests/render_cases.py`` sits at the limits of ``wiki.standards.markdown_limits``;
a save parses and renders it, so both are timed (best of ``runs``). Then the inputs of issue 14
are timed: how fast they are refused now, and with ``--before`` how long the first took to
render without the limits, as before them (a minute or more; the second takes about nine
times as long, so it is not rendered).

    PYTHONPATH=. .venv/bin/python benchmarks/bench_render.py [--runs 3] [--before]
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.render_cases import NORMAL_STANDARD, WORST_ACCEPTED
from wiki.standards.markdown_limits import MarkdownRefused
from wiki.standards.rendering import render_markdown
from wiki.standards.structure import parse_structure

#: the inputs the issue reports: 20,000 heading lines (one block), a 60,000-line body of 240 KB
ISSUE_INPUTS = {
    "issue_20000_headings": "# x\n" * 20_000,
    "issue_60000_lines": "# x\n" * 60_000,
}


def best_of(runs: int, work) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best


def save_work(text: str, **options):
    return lambda: render_markdown(text, parse_structure(text), **options)


def refusal(text: str):
    def work():
        try:
            render_markdown(text)
        except MarkdownRefused:
            return
        raise AssertionError("accepted")

    return work


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--before", action="store_true", help="also time the issue's inputs")
    args = parser.parse_args()
    normal = save_work(NORMAL_STANDARD)
    print(f"normal standard: {len(NORMAL_STANDARD)} chars, {NORMAL_STANDARD.count(chr(10))} lines")
    print(f"{'case':24} {'chars':>8} {'lines':>6} {'ms':>8} {'normal':>8} {'ratio':>6}")
    worst = (0.0, 0.0, "")
    for name, text in WORST_ACCEPTED.items():
        # The normal standard is timed next to each case, so a busy machine skews both alike.
        baseline = best_of(args.runs, normal)
        seconds = best_of(args.runs, save_work(text))
        worst = max(worst, (seconds / baseline, seconds, name))
        print(f"{name:24} {len(text):8} {text.count(chr(10)):6} {seconds * 1000:8.1f} "
              f"{baseline * 1000:8.1f} {seconds / baseline:6.1f}", flush=True)
    ratio, seconds, name = worst
    print(f"slowest accepted: {name}, {seconds * 1000:.1f} ms, {ratio:.1f} x a normal standard")
    for name, text in ISSUE_INPUTS.items():
        print(f"{name:24} refused in {best_of(args.runs, refusal(text)) * 1000:.1f} ms", flush=True)
    if args.before:
        text = ISSUE_INPUTS["issue_20000_headings"]
        before = best_of(1, lambda: render_markdown(text, new_text=False))
        print(f"issue_20000_headings rendered without the limits in {before:.1f} s")


if __name__ == "__main__":
    main()
