"""Build ``encoder/data/english_words.txt``: common English words in lower case.

The name tagger uses it to tell a capitalised common word (a sentence start,
a heading in capitals) from a name. Source: SCOWL via Debian's
``wamerican`` (``/usr/share/dict/american-english``): only the
entries written in lower case, so proper names (which SCOWL capitalises) stay
out. Run ``apt-get install wamerican`` first; tests skip the freshness
check where the source list is absent.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = Path("/usr/share/dict/american-english")
TARGET = ROOT / "encoder" / "data" / "english_words.txt"

HEADER = """\
# Common English words, lower case, one a line: the lower-case entries of SCOWL
# (Debian wamerican), by scripts/build_wordlist.py.
# SCOWL: Copyright 2000-2011 by Kevin Atkinson. Permission to use, copy, modify,
# distribute and sell these word lists, the associated scripts, the output
# created from the scripts, and its documentation for any purpose is hereby
# granted without fee, provided that the above copyright notice appears in all
# copies and that both that copyright notice and this permission notice appear
# in supporting documentation. Kevin Atkinson makes no representations about the
# suitability of this array for any purpose. It is provided "as is" without
# express or implied warranty.
"""


def build(source: Path = SOURCE) -> str:
    words = sorted({w for w in source.read_text(encoding="utf-8").split() if re.fullmatch(r"[a-z]+", w)})
    return HEADER + "\n".join(words) + "\n"


def main(argv: list[str] | None = None) -> int:
    check = "--check" in (argv if argv is not None else sys.argv[1:])
    text = build()
    if check:
        if TARGET.read_text(encoding="utf-8") != text:
            print(f"{TARGET} is stale: run scripts/build_wordlist.py", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
