"""Pages of the jobs feature."""

from flask import Blueprint

bp = Blueprint("jobs", __name__)
