"""One module per ``oaskg`` sub-command; each only parses options and calls the library."""
