"""The registry: reference organisations and countries, their names and lookups."""
