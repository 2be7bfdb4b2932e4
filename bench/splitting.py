"""Benchmark passage splitting on hostile documents: linear, and how far from a regex scan.

Usage: python bench/splitting.py [--size 200000]

For each shape, the splitter at a tenth of the size and at the full size (growth 10x means
linear, 100x quadratic), and the reference: one pass of the sentence-end regex over the same
text, the least any splitter of this kind must do.
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from verify.engine.text import passages  # noqa: E402


def shapes(size: int) -> dict[str, str]:
    """Documents of `size` characters that once made splitting slow, and ordinary prose."""
    return {
        "initials ('A. ' repeated)": ("A. " * size)[:size],
        "abbreviations ('Gen. ')": ("Gen. " * size)[:size],
        "one word, no spaces": "x" * size,
        "blank lines ('a' and two newlines)": ("a\n\n" * size)[:size],
        "prose": ("The army said on Monday that it had lost Lashio. " * size)[:size],
    }


def seconds(function, text: str, repeat: int = 3) -> float:
    """The best of `repeat` timings of function(text)."""
    best = float("inf")
    for _ in range(repeat):
        begun = time.perf_counter()
        function(text)
        best = min(best, time.perf_counter() - begun)
    return best


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=200_000, help="characters per document")
    args = parser.parse_args(argv)

    def regex_scan(text: str) -> int:
        return sum(1 for _ in passages._SENTENCE_END.finditer(text))

    print(f"| shape | {args.size // 10:,} chars ms | {args.size:,} chars ms | growth | "
          "regex scan ms (reference) | x reference |")  # fmt: skip
    print("|---|---|---|---|---|---|")
    small, large = shapes(args.size // 10), shapes(args.size)
    for name in large:
        short = seconds(passages.split_passages, small[name])
        full = seconds(passages.split_passages, large[name])
        reference = seconds(regex_scan, large[name])
        print(
            f"| {name} | {1000 * short:.1f} | {1000 * full:.1f} | {full / short:.1f}x | "
            f"{1000 * reference:.1f} | {full / reference:.1f} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
