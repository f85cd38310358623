"""Pages of the questions feature: list, detail, create and edit.

Stage moves, claims, activities and attachments are in views_actions.py, the board in
views_board.py, CSV export and import in views_csv.py; all share `bp`.
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from crm.core.guards import allow_or_403, get_or_404, requires
from crm.core.htmx import is_fragment_request
from crm.core.pagination import PER_PAGE_CHOICES, per_page_arg
from crm.core.templating import NAVIGATION
from crm.extensions import db
from crm.questions import permissions as can
from crm.questions import service
from crm.questions.detail import detail_context
from crm.questions.errors import QuestionError, VersionConflict
from crm.questions.fields import data_of, snapshot
from crm.questions.forms import QuestionForm, SubmitQuestionForm, load_choices
from crm.questions.models import Question
from crm.questions.present import filter_options, row_helpers
from crm.questions.queries import (
    clear_caches,
    list_statement,
    paginate,
    parse_filters,
    reference_codes,
)

bp = Blueprint("questions", __name__, url_prefix="/questions")

NAVIGATION.append(
    ("questions.index", _l("Questions"), frozenset({"bd", "topteam", "admin", "post"}))
)


@bp.before_app_request
def _fresh_caches():
    clear_caches()


@bp.route("")
@requires(can.can_list_questions)
def index():
    filters = parse_filters(request.args, reference_codes())
    page = paginate(list_statement(current_user, filters), filters.page, per_page_arg(request.args))
    context = {"filters": filters, "page": page, **row_helpers(), **_list_flags()}
    if is_fragment_request():
        return render_template("questions/_results.html", **context)
    return render_template("questions/index.html", options=filter_options(), **context)


def _list_flags() -> dict:
    return {
        "may_create": can.can_create_question(current_user),
        "may_submit": can.can_submit_question(current_user),
        "may_board": can.can_use_board(current_user),
        "may_import": can.can_import_questions(current_user),
        "per_page_choices": PER_PAGE_CHOICES,
    }


def _form_for(user):
    form = SubmitQuestionForm() if can.can_submit_question(user) else QuestionForm()
    load_choices(form)
    return form


def _render_new(form, status: int = 200):
    is_post = isinstance(form, SubmitQuestionForm)
    template = "questions/submit.html" if is_post else "questions/new.html"
    return render_template(template, form=form), status


def _may_create(user) -> bool:
    return can.can_create_question(user) or can.can_submit_question(user)


@bp.route("/new")
@requires(_may_create)
def new():
    form = _form_for(current_user)
    if isinstance(form, QuestionForm) and current_user.country_code:
        form.country.data = current_user.country_code
    return _render_new(form)


@bp.route("", methods=["POST"])
@requires(_may_create)
def create():
    form = _form_for(current_user)
    if not form.validate_on_submit():
        return _render_new(form, 422)
    is_post = isinstance(form, SubmitQuestionForm)
    data = form.to_data(current_user.country_code) if is_post else form.to_data()
    allow_or_403(is_post or can.can_create_in_country(current_user, data.country))
    try:
        question = service.create_question(data, current_user)
    except QuestionError as err:
        _field_errors(form, err)
        return _render_new(form, err.status)
    db.session.commit()
    flash(_("Question saved."), "success")
    return redirect(url_for("questions.show", question_id=question.id), 303)


def _field_errors(form, err: QuestionError) -> None:
    for name, messages in err.fields.items():
        target = getattr(form, name, None)
        if target is not None and hasattr(target, "errors"):
            target.errors = list(target.errors) + list(messages)
    if not err.fields or isinstance(err, VersionConflict):
        flash(err.message, "error")


@bp.route("/<int:question_id>")
@login_required
def show(question_id: int):
    question = get_or_404(Question, question_id)
    allow_or_403(can.can_view_question(current_user, question))
    return render_template("questions/show.html", **detail_context(question, current_user))


def _edit_form(question: Question) -> QuestionForm:
    data = data_of(question)
    form = QuestionForm(data=vars(data) | {"version": str(question.version)})
    load_choices(form)
    return form


@bp.route("/<int:question_id>/edit", methods=["GET", "POST"])
@login_required
def edit(question_id: int):
    question = get_or_404(Question, question_id)
    allow_or_403(can.can_edit_question(current_user, question))
    form, conflict = _edit_form(question), None
    if form.validate_on_submit():
        data = form.to_data()
        if not can.can_set_probability(current_user, question):
            data.probability_override = question.probability_override
        try:
            service.update_question(question, data, form.read_version(), current_user)
            db.session.commit()
            flash(_("Question saved."), "success")
            return redirect(url_for("questions.show", question_id=question.id), 303)
        except VersionConflict as err:
            conflict = err
            form.version.data = str(question.version)
        except QuestionError as err:
            _field_errors(form, err)
            db.session.rollback()
    status = 409 if conflict else (422 if form.errors else 200)
    return render_template(
        "questions/edit.html",
        form=form,
        question=question,
        conflict=conflict,
        current=snapshot(question),
        may_set_probability=can.can_set_probability(current_user, question),
    ), status


from crm.questions import home, views_actions, views_board, views_csv  # noqa: E402, F401
