"""Benchmark: the numbers check on a labelled set of realistic stories, for accuracy and speed.

Owns printing, for ``tests/story_set.stories(N)`` (fictional districts, every number marked
wrong, right, unverifiable or not a claim): recall of wrong numbers (goal ≥ 0.9), false
alarms among right numbers and non-claims (goal ≤ 2), unverifiable numbers flagged
"unverified" rather than "corrected", the same per category, and milliseconds per story for
``narrative.check_story`` (goal < 20 ms, best of several rounds on this machine).

    python bench/bench_numbers.py [--stories 48] [--rounds 5] [--show]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timing import best  # noqa: E402 - bench/ is on the path when run as a script

from advocacy.narrative import check_story  # noqa: E402
from tests.story_set import CATEGORIES, RIGHT, WRONG, score, stories  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=48)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--show", action="store_true", help="print every miss and false alarm")
    args = parser.parse_args(argv)

    cases = stories(args.stories)
    result = score(cases, check_story)
    labels = Counter(label.truth for case in cases for label in case.labels)
    print(f"stories: {len(cases)}; numbers labelled: {sum(labels.values())} "
          f"({labels[WRONG]} wrong, {labels[RIGHT]} right, {labels['u']} unverifiable, "
          f"{labels['n']} not claims)")
    print(f"recall of wrong numbers: {result.caught}/{result.wrong} = {result.recall:.3f} "
          f"(goal ≥ 0.9)")
    print(f"false alarms: {result.false_alarm_count} ({result.rejected} of {result.right} right "
          f"numbers rejected, {result.read_as_claims} of {result.non_claims} non-claims read as "
          f"claims; goal ≤ 2)")
    print(f"unverifiable numbers flagged 'unverified' (never corrected): "
          f"{result.unverified}/{result.unverifiable}")
    print("\nper category: wrong caught / wrong, right accepted / right")
    for category in CATEGORIES:
        subset = [_only(case, category) for case in cases]
        part = score(subset, check_story)
        if part.wrong or part.right or part.non_claims or part.unverifiable:
            print(f"  {category:13} {part.caught:3}/{part.wrong:<3}  "
                  f"{part.right - part.rejected:3}/{part.right:<3}"
                  + (f"  non-claims left alone {part.non_claims - part.read_as_claims}/"
                     f"{part.non_claims}" if part.non_claims else "")
                  + (f"  unverified {part.unverified}/{part.unverifiable}"
                     if part.unverifiable else ""))
    if args.show:
        for miss in result.misses:
            print("MISS", *miss)
        for alarm in result.false_alarms:
            print("FALSE ALARM", *alarm)

    seconds = best(lambda: [check_story(c.district, c.figures, c.story) for c in cases],
                   args.rounds)
    print(f"\nspeed: {seconds * 1000 / len(cases):.2f} ms per story "
          f"(best of {args.rounds} rounds over {len(cases)} stories; goal < 20 ms)")
    return 0


def _only(case, category):
    from dataclasses import replace

    return replace(case, labels=tuple(label for label in case.labels
                                      if label.category == category))


if __name__ == "__main__":
    raise SystemExit(main())
