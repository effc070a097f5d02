"""``python -m build_graph`` runs the ``oaskg`` command."""

from build_graph.cli import main

main()
