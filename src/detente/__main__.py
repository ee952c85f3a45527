"""``python -m detente`` is the same as the ``detente`` command."""

from detente.cli import main

main()
