"""Fee formats: the published percentage rules and their calculation (see docs/fee-formats.md)."""
