"""Home page per role, and the public about page."""
