"""Publishing to a triple store through the Graph Store Protocol."""
