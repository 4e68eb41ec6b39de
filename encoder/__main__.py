"""``python -m encoder`` runs the command line."""

from encoder.cli import main

if __name__ == "__main__":  # pragma: no cover
    main()
