"""Validation: SHACL shapes run in batches with the context each needs."""
