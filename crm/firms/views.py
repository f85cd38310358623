"""Pages of the firms feature."""

from flask import Blueprint

bp = Blueprint("firms", __name__)
