"""``python -m kg.cli`` runs the command line, as ``python -m kg`` does."""

from kg.cli import main

if __name__ == "__main__":
    main()
