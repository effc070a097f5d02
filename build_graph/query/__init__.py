"""Queries: the saved-query catalogue, typed parameters, running on the embedded store or an
endpoint, and result formats.
"""
