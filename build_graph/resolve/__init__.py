"""Resolving: names to registry entities; organisations the registry does not know minted, merged
within a country and curated by people.
"""
