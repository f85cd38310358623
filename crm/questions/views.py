"""Pages of the questions feature."""

from flask import Blueprint

bp = Blueprint("questions", __name__)
