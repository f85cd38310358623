"""Pages of the accounts feature."""

from flask import Blueprint

bp = Blueprint("accounts", __name__)
