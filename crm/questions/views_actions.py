"""Actions on one question: move its stage, claim it, log an activity, attach files."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from crm.core.guards import allow_or_403, get_or_404
from crm.core.htmx import is_fragment_request
from crm.extensions import db
from crm.questions import permissions as can
from crm.questions import service, stages, timeline
from crm.questions.detail import (
    detail_context,
    load_question,
    stage_panel_context,
    timeline_context,
)
from crm.questions.domain import MoveRefused
from crm.questions.errors import QuestionError
from crm.questions.forms import ActivityForm, AttachmentForm, StageForm, choices
from crm.questions.models import Question, QuestionAttachment
from crm.questions.queries import stage_catalog
from crm.questions.views import _field_errors, bp
from crm.questions.views_board import render_board
from crm.reference.labels import ref_label


def _to_detail(question: Question, anchor: str = ""):
    return redirect(url_for("questions.show", question_id=question.id) + anchor, 303)


def _try_move(question: Question, form: StageForm) -> tuple[str | None, int]:
    """Run the move; (error message or None, status)."""
    if not form.validate_on_submit():
        return _("Choose a stage to move to."), 422
    try:
        stages.move_stage(
            question,
            form.stage.data,
            current_user,
            note=form.note.data or "",
            reason=form.reason.data or "",
            read_version=form.read_version() or None,
        )
    except (MoveRefused, QuestionError) as err:
        db.session.rollback()
        return _(err.message), err.status
    db.session.commit()
    return None, 200


@bp.route("/<int:question_id>/stage", methods=["POST"])
@login_required
def move(question_id: int):
    question = get_or_404(Question, question_id)
    allow_or_403(can.can_edit_question(current_user, question))
    form = StageForm()
    form.stage.choices = choices((code, ref_label(s.label)) for code, s in stage_catalog().items())
    error, status = _try_move(question, form)
    on_board = form.target.data == "board"
    if on_board and is_fragment_request():
        return render_board(question.country_code, error=error, status=status)
    if is_fragment_request():
        context = stage_panel_context(load_question(question_id), current_user, error=error)
        return render_template("questions/_stage_panel.html", **context), status
    flash(error or _("Stage changed."), "error" if error else "success")
    if on_board:
        return redirect(url_for("questions.board", country=question.country_code), 303)
    return _to_detail(question, "#stage")


@bp.route("/<int:question_id>/claim", methods=["POST"])
@login_required
def claim(question_id: int):
    question = get_or_404(Question, question_id)
    allow_or_403(can.can_claim_question(current_user, question))
    try:
        service.claim(question, current_user)
    except QuestionError as err:
        flash(err.message, "error")
        return _to_detail(question)
    db.session.commit()
    flash(_("You now own this question."), "success")
    return _to_detail(question)


@bp.route("/<int:question_id>/activities", methods=["POST"])
@login_required
def add_activity(question_id: int):
    question = get_or_404(Question, question_id)
    allow_or_403(can.can_edit_question(current_user, question))
    form, status = ActivityForm(), 422
    if form.validate_on_submit():
        try:
            timeline.add_activity(
                question, form.kind.data, form.happened_on.data, form.text.data, current_user
            )
            db.session.commit()
            form, status = None, 200
        except QuestionError as err:
            _field_errors(form, err)
    if not is_fragment_request():
        flash(_("Logged.") if form is None else _("Check the activity."), "info")
        return _to_detail(question, "#activities")
    context = timeline_context(load_question(question_id), current_user, form)
    return render_template("questions/_activities.html", **context), status


@bp.route("/<int:question_id>/attachments", methods=["POST"])
@login_required
def upload(question_id: int):
    from crm.uploads import UploadError

    question = get_or_404(Question, question_id)
    allow_or_403(can.can_attach_to_question(current_user, question))
    form = AttachmentForm()
    if form.validate_on_submit():
        try:
            timeline.add_attachment(question, form.file.data, current_user)
            db.session.commit()
            flash(_("File attached."), "success")
            return _to_detail(question, "#attachments")
        except UploadError as err:
            db.session.rollback()
            form.file.errors = [err.message]
            status = err.status
    else:
        status = 422
    context = detail_context(question, current_user) | {"attachment_form": form}
    return render_template("questions/show.html", **context), status


def _attachment(question_id: int, attachment_id: int) -> tuple[Question, QuestionAttachment]:
    question = get_or_404(Question, question_id)
    attachment = get_or_404(QuestionAttachment, attachment_id)
    if attachment.question_id != question.id:
        abort(404)
    return question, attachment


@bp.route("/<int:question_id>/attachments/<int:attachment_id>")
@login_required
def attachment(question_id: int, attachment_id: int):
    from flask import request

    from crm.uploads import send_stored_file

    question, item = _attachment(question_id, attachment_id)
    allow_or_403(can.can_view_question(current_user, question))
    stored = item.stored_file
    thumb = request.args.get("variant") == "thumb" and stored.thumb_key is not None
    return send_stored_file(
        stored, variant="thumb" if thumb else "original", as_attachment=not stored.is_image
    )


@bp.route("/<int:question_id>/attachments/<int:attachment_id>/delete", methods=["POST"])
@login_required
def remove_attachment(question_id: int, attachment_id: int):
    question, item = _attachment(question_id, attachment_id)
    allow_or_403(can.can_remove_attachment(current_user, question, item))
    timeline.remove_attachment(question, item)
    db.session.commit()
    flash(_("File removed."), "success")
    return _to_detail(question, "#attachments")
