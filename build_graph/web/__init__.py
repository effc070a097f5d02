"""Publishing the graph as linked data: content negotiation, HTML pages, the SPARQL endpoint,
VoID/DCAT, the HTTP server (``oaskg serve``) and the static site (``oaskg site``)."""
