"""oaskg: a knowledge graph of the OAS's cooperation programs, built from OAS country sheets.

The package is a library first; ``oaskg`` (``build_graph.cli``) is a thin shell over it.
Each pipeline stage lives in its own module and passes frozen dataclasses to the next.
"""

__version__ = "0.1.0"
