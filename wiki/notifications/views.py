"""Notifications (with the unread count in the header), the watch button, and "my work"."""

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from wiki import permissions
from wiki.committees.actors import current_actor
from wiki.errors import InvalidInput
from wiki.http import unit_of_work
from wiki.http.form_input import same_site_path
from wiki.http.numbers import page_argument
from wiki.i18n import N_
from wiki.mail import mail_enabled
from wiki.notifications import operations, queries
from wiki.notifications.forms import ButtonForm, EmailPreferenceForm
from wiki.notifications.messages import notification_text, notification_url
from wiki.notifications.queries import is_watching, publicly_readable
from wiki.standards.models import Standard

bp = Blueprint("notifications", __name__)


def unread_notification_count() -> int:
    """For the header: the logged-in person's unread notifications, counted once per request."""
    if not current_user.is_authenticated:
        return 0
    if "unread_notifications" not in g:
        g.unread_notifications = queries.unread_count(current_user.id)
    return g.unread_notifications


def watch_button(standard: Standard) -> dict | None:
    """What the watch button shows, or None when the viewer cannot watch the standard."""
    actor = current_actor()
    if not actor.is_authenticated:
        return None
    if not permissions.can_watch(
        actor, standard.committee_id, publicly_readable=publicly_readable(standard)
    ):
        return None
    return {"watching": is_watching(actor.user_id, standard.id), "form": ButtonForm(formdata=None)}


@bp.app_context_processor
def _template_helpers() -> dict:
    return {
        "unread_notification_count": unread_notification_count,
        "watch_button": watch_button,
        "notification_text": notification_text,
        "notification_url": notification_url,
    }


def _check_button() -> None:
    if not ButtonForm().validate():
        raise InvalidInput(N_("The form expired. Go back, reload the page and try again."))


def _back(default: str) -> str:
    return same_site_path(request.form.get("next")) or default


@bp.route("/notifications")
@login_required
def index():
    actor = current_actor()
    page = queries.notification_page(actor.user_id, page_argument())
    return render_template(
        "notifications/index.html",
        page=page,
        unread=unread_notification_count(),
        button=ButtonForm(formdata=None),
        email_form=EmailPreferenceForm(
            formdata=None, data={"email": queries.email_preference(actor.user_id)}
        ),
        mail_enabled=mail_enabled(),
        watched=queries.watched_standards(actor.user_id),
    )


@bp.route("/notifications/<int:notification_id>/read", methods=["POST"])
@login_required
def mark_read(notification_id: int):
    _check_button()
    unit_of_work.run(lambda: operations.mark_read(current_actor(), notification_id))
    return redirect(_back(url_for("notifications.index")))


@bp.route("/notifications/read", methods=["POST"])
@login_required
def mark_all_read():
    _check_button()
    count = unit_of_work.run(lambda: operations.mark_all_read(current_actor()))
    flash(_("Marked %(count)d notifications as read.", count=count), "success")
    return redirect(url_for("notifications.index"))


@bp.route("/notifications/email", methods=["POST"])
@login_required
def email_preference():
    form = EmailPreferenceForm()
    if not form.validate():
        raise InvalidInput(N_("The form expired. Go back, reload the page and try again."))
    unit_of_work.run(lambda: operations.set_email_preference(current_actor(), form.email.data))
    if form.email.data:
        flash(_("You will get your notifications by email too."), "success")
    else:
        flash(_("You will no longer get notifications by email."), "success")
    return redirect(url_for("notifications.index"))


@bp.route("/standards/<int:standard_id>/watch", methods=["POST"])
@login_required
def watch(standard_id: int):
    _check_button()
    unit_of_work.run(lambda: operations.watch(current_actor(), standard_id))
    flash(
        _("You are watching this standard. Its news will appear in your notifications."), "success"
    )
    return redirect(_back(url_for("standards.show", standard_id=standard_id)))


@bp.route("/standards/<int:standard_id>/unwatch", methods=["POST"])
@login_required
def unwatch(standard_id: int):
    _check_button()
    unit_of_work.run(lambda: operations.unwatch(current_actor(), standard_id))
    flash(_("You are no longer watching this standard."), "success")
    return redirect(_back(url_for("standards.show", standard_id=standard_id)))


@bp.route("/my-work")
@login_required
def my_work():
    actor = current_actor()
    return render_template("notifications/my_work.html", work=queries.my_work(actor))
