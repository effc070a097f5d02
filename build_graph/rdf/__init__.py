"""RDF: records to quads under the ontology, JSON-LD, and the embedded store."""
