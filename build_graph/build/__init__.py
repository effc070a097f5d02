"""A build: every stage in flow order, the output set it writes whole, and its summary."""
