"""Render times of the costliest Markdown the wiki accepts, as ratios to a normal standard.

Each case of ``tests/render_cases.py`` sits at the limits of ``wiki.standards.markdown_limits``;
a save parses and renders it, so both are timed (best of ``runs``). ``--before`` also renders
the inputs of issue 14 without the new limits, as the wiki did before them (slow: minutes),
and times their refusal now.

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
    baseline = best_of(args.runs * 3, save_work(NORMAL_STANDARD))
    print(f"{'case':24} {'chars':>8} {'lines':>6} {'ms':>8} {'ratio':>6}")
    print(f"{'normal_standard':24} {len(NORMAL_STANDARD):8} "
          f"{NORMAL_STANDARD.count(chr(10)):6} {baseline * 1000:8.1f} {1:6.1f}")
    worst = 0.0
    for name, text in WORST_ACCEPTED.items():
        seconds = best_of(args.runs, save_work(text))
        worst = max(worst, seconds)
        print(f"{name:24} {len(text):8} {text.count(chr(10)):6} {seconds * 1000:8.1f} "
              f"{seconds / baseline:6.1f}", flush=True)
    print(f"slowest accepted: {worst * 1000:.1f} ms, {worst / baseline:.1f} x a normal standard")
    if args.before:
        for name, text in ISSUE_INPUTS.items():
            before = best_of(1, save_work(text, new_text=False))
            after = best_of(args.runs, refusal(text))
            print(f"{name:24} before: rendered in {before:.1f} s; "
                  f"now: refused in {after * 1000:.1f} ms", flush=True)


if __name__ == "__main__":
    main()
