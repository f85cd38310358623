"""Cross-cutting pieces: database setup, error handling, helpers shared by features."""
