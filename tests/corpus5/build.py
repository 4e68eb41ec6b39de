"""Build tests/corpus5 from its annotated sources (src/*.ann), and check it: see tests/gold_corpus.py."""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from gold_corpus import main  # noqa: E402

if __name__ == "__main__":
    main(HERE)
