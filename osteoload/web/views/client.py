"""Client pages, for a phone: today's session, logging, how she feels, her progress.

A client only ever sees her own record: the id comes from her login, never from the URL.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from osteoload.domain.stop_rules import is_painful
from osteoload.domain.units import lb_to_kg
from osteoload.domain.vocabulary import Symptom
from osteoload.services import (
    audit,
    client_programs,
    clients,
    coaching,
    next_ahead,
    plans,
    progress,
    quick_log,
    stops,
    training_log,
)
from osteoload.services.errors import InputError, Issue
from osteoload.wording import stops as stop_words
from osteoload.wording.logger import effort_question

from .. import forms, labels, present
from ..progress_charts import progress_charts
from .common import audited, client_view, is_htmx, today


def _units(request: HttpRequest, client_id: int, day: date) -> str:
    return clients.profile_for(request.user, client_id, today=day).units.value


def _can_log(view: client_programs.TodayView) -> bool:
    return bool(
        view.session and view.is_today and not view.paused and view.program_status == "ready"
    )


def _items(
    dosed: coaching.DosedToday, logged: list[dict[str, Any]], units: str
) -> list[present.TodayItem]:
    """Today's items dosed by her next prescription, with what she did the last time."""
    last_time = dosed.next.last_time if dosed.next else {}
    last_sets = dosed.next.last_sets if dosed.next else {}
    return present.today_items(
        dosed.session, dosed.cues, logged, units, last_time,
        loadable=dosed.loadable, last_sets=last_sets,
    )  # fmt: skip


def _all_done(items: list[present.TodayItem]) -> bool:
    return bool(items) and all(i.complete for i in items)


def _units_of(request: HttpRequest, client_id: int, dosed: coaching.DosedToday, day: date) -> str:
    return dosed.next.units if dosed.next else _units(request, client_id, day)


@client_view
@require_safe
def today_page(request: HttpRequest, client_id: int) -> HttpResponse:
    day = today()
    dosed = coaching.dosed_today(request.user, client_id, today=day)
    view = dosed.view
    units = _units_of(request, client_id, dosed, day)
    logged = training_log.sets_on(request.user, client_id, day) if view.is_today else []
    items = _items(dosed, logged, units)
    audited(request, audit.Action.VIEW, client_id, "program", None, "viewed today's session")
    session_date = date.fromisoformat(view.session["date"]) if view.session else None
    return render(
        request,
        "osteoload/client/today.html",
        {
            "view": view,
            "items": items,
            "units": units,
            "can_log": _can_log(view),
            "session_date": present.long_date(session_date) if session_date else "",
            "phase": labels.label(labels.PHASES, view.phase),
            "kind": labels.label(labels.KINDS, view.session.get("kind")) if view.session else "",
            "all_done": _all_done(items),
            "effort_question": effort_question(),
            "pain_choices": present.pain_choices(),
            "pain_hint": stop_words.pain_hint(),
            **(_stop_screen(request, client_id) if view.paused else {}),
        },
    )


def _stop_screen(request: HttpRequest, client_id: int) -> dict[str, Any]:
    """Her stop screen's words (R32, R32a): whom to turn to, with tap-to-call."""
    contact = stops.contact_for(request.user, client_id)
    return {
        "contact": contact,
        "stop": {
            "heading": stop_words.stop_heading(),
            "until": stop_words.until_reviewed(),
            "no_reason": stop_words.stop_without_reason(),
            "contact": stop_words.who_to_contact(contact.coach, contact.clinic),
            "call": stop_words.call_label(contact.clinic, contact.phone) if contact.tel else "",
            "emergency": stop_words.emergency(),
        },
    }


#: The rest timer's buttons take this many seconds off the rest or add them.
REST_STEP_S = 15

LOG_FIELDS = {
    "reps": ("reps", gettext_noop("How many times")),
    "load": ("load_kg", gettext_noop("Weight")),
    "rpe": ("rpe", gettext_noop("How hard was it")),
    "pain": ("pain", gettext_noop("Any pain, 0-10")),
    "impacts": ("impacts", gettext_noop("Landings")),
    "hold_s": ("hold_s", gettext_noop("Seconds")),
}


@client_view
@require_POST
def log_set(request: HttpRequest, client_id: int) -> HttpResponse:
    """One tap logs a set (or ticks an item); htmx gets the new row and the rest timer."""
    day = today()
    dosed = coaching.dosed_today(request.user, client_id, today=day)
    view = dosed.view
    exercise_id = request.POST.get("exercise_id", "")
    units = _units_of(request, client_id, dosed, day)
    logged = training_log.sets_on(request.user, client_id, day)
    items = _items(dosed, logged, units)
    item = next((i for i in items if i.key == exercise_id), None)
    if not _can_log(view):
        message = (
            _("Your program is paused, so nothing can be logged now.")
            if view.paused
            else _("There is no session to log today.")
        )
        response = _log_error(request, exercise_id, [message], status=409)
        if view.paused and is_htmx(request):
            # A stop rule is in force (R32, R32a): she sees the stop screen, not an error.
            response["HX-Redirect"] = reverse("client-today")
        return response
    if item is None:
        return _log_error(request, exercise_id, [_("That exercise is not in today's session.")])
    data: dict[str, Any] = {
        "date": day.isoformat(),
        "exercise_id": exercise_id,
        "set_number": item.done_count + 1,
    }
    for name, (key, _label) in LOG_FIELDS.items():
        text = request.POST.get(name, "").strip()
        if text:
            data[key] = forms.number(text)
    if item.kind == "hold" and "hold_s" not in data:
        # A hold is never logged as done unless she says how long she held it.
        return _log_error(request, exercise_id, [_(
            "Seconds: start the timer, or type how many seconds you held it, then tap Done."
        )])  # fmt: skip
    if units == "lb" and isinstance(data.get("load_kg"), int | float):
        data["load_kg"] = round(lb_to_kg(float(data["load_kg"])), 2)
    try:
        set_id = training_log.log_set(request.user, client_id, data, today=day)
    except InputError as exc:
        return _log_error(request, exercise_id, [_plain_issue(i) for i in exc.issues])
    audited(request, audit.Action.CREATE, client_id, "set", set_id, "logged a set")
    next_ahead.after_logging(request.user, client_id, today=day)  # her next session, ahead
    pain = data.get("pain")
    # R32: a painful set answers at once with what to do.
    painful = is_painful(int(pain)) if isinstance(pain, int | float) else False
    advice = [stop_words.painful_set(), stop_words.painful_set_stop_symptoms()] if painful else []
    if not is_htmx(request):
        messages.success(
            request,
            _("%(name)s: set %(n)s saved.") % {"name": item.item["name"], "n": item.done_count + 1},
        )
        for line in advice:
            messages.warning(request, line)
        return redirect(reverse("client-today") + f"#item-{exercise_id}")
    rows = training_log.sets_on(request.user, client_id, day)
    row = next(r for r in rows if r["id"] == set_id)
    # After a painful set there is no next set to rest for: the advice stays in view.
    # Nor after the last set of the item.
    last = item.done_count + 1 >= item.sets
    rest = 0 if painful or last else int(item.item.get("rest_s") or 0)
    return _logged_answer(request, dosed, rows, units, exercise_id, [row], rest, advice)


def _logged_answer(
    request: HttpRequest,
    dosed: coaching.DosedToday,
    rows: list[dict[str, Any]],
    units: str,
    exercise_id: str,
    new_rows: list[dict[str, Any]],
    rest: int,
    advice: list[str],
) -> HttpResponse:
    """The htmx answer to a logged set (or sets): the new rows, and out of band the item's
    count, its next set's fields (pre-filled, effort not chosen, pain at 0), the one-tap
    button, the rest timer and "All done for today" once every item is logged."""
    items = _items(dosed, rows, units)
    item = next(i for i in items if i.key == exercise_id)
    return render(
        request,
        "osteoload/client/_logged.html",
        {
            "sets": [
                present.LoggedSet(r["id"], exercise_id, present.logged_text(r, units))
                for r in new_rows
            ],
            "it": item,
            "rest": rest,
            "rest_clock": f"{rest // 60}:{rest % 60:02d}",
            "rest_step": REST_STEP_S,
            "painful": advice,
            "all_done": _all_done(items),
            "effort_question": effort_question(),
            "pain_choices": present.pain_choices(),
            "pain_hint": stop_words.pain_hint(),
            "oob": True,
        },
    )


@client_view
@require_POST
def log_as_planned(request: HttpRequest, client_id: int) -> HttpResponse:
    """One tap logs every set of a balance or impact item she has not logged yet, as
    prescribed; a second tap logs nothing more."""
    day = today()
    exercise_id = request.POST.get("exercise_id", "")
    try:
        set_ids = quick_log.log_as_prescribed(request.user, client_id, exercise_id, today=day)
    except training_log.ProgramPaused:
        response = _log_error(
            request, exercise_id, [_("Your program is paused, so nothing can be logged now.")],
            status=409,
        )  # fmt: skip
        if is_htmx(request):
            response["HX-Redirect"] = reverse("client-today")  # the stop screen (R32)
        return response
    except InputError as exc:
        # (Which exercise is not a field she filled in: the message alone says it.)
        return _log_error(request, exercise_id, [forms.plain_message(i) for i in exc.issues])
    if set_ids:
        many = "s" if len(set_ids) != 1 else ""
        audited(request, audit.Action.CREATE, client_id, "sets", None,
                f"logged {len(set_ids)} set{many} as planned")  # fmt: skip
        next_ahead.after_logging(request.user, client_id, today=day)
    if not is_htmx(request):
        return redirect(reverse("client-today") + f"#item-{exercise_id}")
    dosed = coaching.dosed_today(request.user, client_id, today=day)
    units = _units_of(request, client_id, dosed, day)
    rows = training_log.sets_on(request.user, client_id, day)
    new_rows = [r for r in rows if r["id"] in set_ids]
    return _logged_answer(request, dosed, rows, units, exercise_id, new_rows, 0, [])


def _plain_issue(issue: Issue) -> str:
    field = {v[0]: _(v[1]) for v in LOG_FIELDS.values()}.get(issue.path, issue.path)
    message = forms.plain_message(issue)
    return f"{field}: {message}" if field else message


def _log_error(
    request: HttpRequest, exercise_id: str, errors: list[str], status: int = 422
) -> HttpResponse:
    if not is_htmx(request):
        for error in errors:
            messages.error(request, error)
        return redirect("client-today")
    response = render(
        request, "osteoload/client/_log_errors.html", {"errors": errors}, status=status
    )
    if exercise_id and exercise_id.replace("_", "").isalnum():
        response["HX-Retarget"] = f"#errors-{exercise_id}"
        response["HX-Reswap"] = "innerHTML"
    else:
        response["HX-Reswap"] = "none"
    return response


@client_view
@require_POST
def undo_set(request: HttpRequest, client_id: int, set_id: int) -> HttpResponse:
    day = today()
    rows = training_log.sets_on(request.user, client_id, day)
    row = next((r for r in rows if r["id"] == set_id), None)
    training_log.delete_set(request.user, client_id, set_id)
    audited(request, audit.Action.DELETE, client_id, "set", set_id, "deleted a logged set")
    if not is_htmx(request) or row is None:
        messages.success(request, _("That set was removed."))
        return redirect("client-today")
    exercise_id = row["exercise_id"]
    dosed = coaching.dosed_today(request.user, client_id, today=day)
    units = _units_of(request, client_id, dosed, day)
    left = training_log.sets_on(request.user, client_id, day)
    items = _items(dosed, left, units)
    item = next((i for i in items if i.key == exercise_id), None)
    return render(
        request,
        "osteoload/client/_undone.html",
        {
            "it": item,
            "all_done": _all_done(items),
            "effort_question": effort_question(),
            "pain_choices": present.pain_choices(),
            "pain_hint": stop_words.pain_hint(),
            "oob": True,
        },
    )


@client_view
@require_http_methods(["GET", "POST"])
def feeling(request: HttpRequest, client_id: int) -> HttpResponse:
    """How she feels: a stop-rule symptom pauses her program until her coach has looked."""
    choices = labels.choices(Symptom, labels.SYMPTOMS_FOR_CLIENT)
    errors: list[str] = []
    ticked: list[str] = []
    note = ""
    if request.method == "POST":
        ticked = [s for s in request.POST.getlist("symptoms") if s]
        note = request.POST.get("note", "").strip()
        fine = request.POST.get("fine") == "yes"
        if fine and (ticked or note):
            errors = [_(FINE_AND_SYMPTOMS)]
        elif not (fine or ticked or note):
            # An empty Send is not a report: nothing is stored, and she is told what to do.
            errors = [_(EMPTY_FEELING)]
        else:
            data = {"date": today().isoformat(), "symptoms": ticked, "note": note}
            try:
                paused = training_log.report_symptoms(request.user, client_id, data, today=today())
            except InputError as exc:
                names = {
                    "symptoms": _("I have or had"),
                    "note": _("Anything else"),
                    "date": _("Date"),
                }
                errors = [forms.issue_text(i, names) for i in exc.issues]
            else:
                audited(request, audit.Action.CREATE, client_id, "symptoms", None,
                        "reported symptoms" + (" (program paused)" if paused else ""))  # fmt: skip
                if not paused:
                    messages.success(
                        request,
                        _("Thank you. Good to hear you are fine.")
                        if fine
                        else _("Thank you for letting us know."),
                    )
                return redirect("client-today")
    return render(
        request,
        "osteoload/client/feeling.html",
        {
            "choices": choices,
            "errors": errors,
            "ticked": ticked,
            "note": note,
            "empty_message": _(EMPTY_FEELING),
            "stop_if_ticked": stop_words.stop_if_ticked(),
            "emergency": stop_words.emergency(),
        },
        status=422 if errors else 200,
    )


#: "How are you feeling?" sent with nothing in it: what to do instead.
EMPTY_FEELING = gettext_noop(
    "Nothing was sent: tick what you have or had, write a note for your coach, or tap “I’m fine”."
)
FINE_AND_SYMPTOMS = gettext_noop(
    "You tapped “I’m fine” and also ticked or wrote something: please send one or the other."
)


@client_view
@require_safe
def progress_page(request: HttpRequest, client_id: int) -> HttpResponse:
    day = today()
    profile = clients.profile_for(request.user, client_id, today=day)
    series = progress.progress_series(request.user, client_id, today=day, weeks=12)
    audited(request, audit.Action.VIEW, client_id, "progress", None, "viewed 12 weeks of progress")
    target = plans.screen_client(profile, as_of=day).balance_minutes_target
    return render(
        request,
        "osteoload/client/progress.html",
        {
            "groups": progress_charts(
                series, units=profile.units.value, for_client=True, balance_target=target
            )
        },
    )
