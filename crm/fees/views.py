"""Pages of the fees feature."""

from flask import Blueprint

bp = Blueprint("fees", __name__)
