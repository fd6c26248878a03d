"""`python -m translator` runs the command-line interface."""

from translator.cli import main

if __name__ == "__main__":
    main()
