"""Users, roles and their scope, login, sessions and API tokens."""
