"""questions feature."""
