"""Coach pages: the roster, intake, a client's page, programs, tests, scans and progress."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from osteoload.services import (
    audit,
    client_programs,
    clients,
    clock,
    coaching,
    i18n,
    mail,
    plans,
    progress,
    training_log,
    versions,
)
from osteoload.services.catalogue import get_catalogue
from osteoload.services.client_programs import summary_dict
from osteoload.services.documents import downloads
from osteoload.services.errors import InputError, Issue
from osteoload.services.stops import ResumeRefused
from osteoload.wording import Audience, Pronouns, pronouns_for
from osteoload.wording import stops as stop_words
from osteoload.wording.catalogue import exercise_words
from osteoload.wording.changes import change_words
from osteoload.wording.findings import findings_for, steps_for

from .. import forms, labels, present
from ..progress_charts import progress_charts
from ..qr import qr_svg
from .calendar import feed_context
from .common import audited, coach_view, is_htmx, today

GET_POST = ["GET", "POST"]


def _pronouns(request: HttpRequest, client_id: int) -> Pronouns:
    """How the coach's pages refer to this client (she / he), from her profile's sex."""
    return pronouns_for(clients.profile_for(request.user, client_id, today=today()).sex.value)


# --- roster and intake ------------------------------------------------------------------


@coach_view
@require_safe
def roster(request: HttpRequest) -> HttpResponse:
    """Her clients, a page at a time: ``q`` finds by name, ``show=attention`` keeps those
    with a flag, ``page`` turns the pages."""
    attention = request.GET.get("show") == "attention"
    search = request.GET.get("q", "")[:ROSTER_SEARCH_MAX]
    found = clients.roster_page(
        request.user,
        today=today(),
        search=search,
        attention_only=attention,
        page=request.GET.get("page"),
    )
    search_query = {"q": found.search} if found.search else {}
    query = {**search_query, "show": "attention"} if attention else search_query
    client_url = reverse("coach-client", args=[0])
    return render(
        request,
        "osteoload/coach/roster.html",
        {
            "rows": present.roster_rows(found.page.object_list, client_url),
            "found": found,
            "page": found.page,
            "filter_query": urlencode(query),
            "search_query": urlencode(search_query),
            "search_max": ROSTER_SEARCH_MAX,
        },
    )


ROSTER_SEARCH_MAX = 100
"""The longest name search read (a longer one is cut: no client's name is that long)."""


@coach_view
@require_http_methods(GET_POST)
def client_new(request: HttpRequest) -> HttpResponse:
    values: dict[str, Any] = {"units": "kg"}
    issues: tuple[Issue, ...] = ()
    if request.method == "POST":
        values = forms.raw_values(request.POST, forms.INTAKE_SECTIONS, fractures=True)
        try:
            language = i18n.checked_language(request.POST.get("language", ""))
            client_id = clients.create_client(
                request.user, forms.profile_data(values), today=today()
            )
            if language:
                i18n.set_client_language(request.user, client_id, language)
        except InputError as exc:
            issues = exc.issues
        else:
            audited(request, audit.Action.CREATE, client_id, "client", client_id, "client added")
            p = pronouns_for(str(values.get("sex") or ""))
            messages.success(
                request,
                _("Client added. Next: generate %(possessive)s program.")
                % {"possessive": p.possessive},
            )
            return redirect("coach-client", client_id=client_id)
    return _intake(request, values, issues, title=_("New client"))


def _intake(
    request: HttpRequest,
    values: dict[str, Any],
    issues: tuple[Issue, ...],
    *,
    title: str,
    client_id: int | None = None,
    version: int | None = None,
    status: int | None = None,
) -> HttpResponse:
    form = forms.bind(forms.INTAKE_SECTIONS, values, issues, fractures=True)
    return render(
        request,
        "osteoload/coach/intake.html",
        {
            "form": form,
            "title": title,
            "client_id": client_id,
            "version": version,
            "before": [form.section(s.key) for s in forms.INTAKE_BEFORE_FRACTURES],
            "after": [form.section(s.key) for s in forms.INTAKE_AFTER_FRACTURES],
        },
        status=status or (422 if issues else 200),
    )


def _conflict_issues(exc: versions.Conflict) -> tuple[Issue, ...]:
    """A stale save (issue 16): said at the top of the form, and each field that differs
    from what is saved now marked. The form keeps what she entered and now carries the
    saved version, so saving again (after checking) is a deliberate choice."""
    top = (
        _("%(changed)s: nothing was saved. The fields marked below differ from what is saved "
          "now; check them and save again.") if exc.changed
        else _("%(changed)s: nothing was saved. Check the saved record and save again.")
    ) % {"changed": _(versions.CHANGED_ELSEWHERE)}  # fmt: skip
    marked = (Issue(path, _("differs from what is saved now")) for path in exc.changed)
    return (Issue("", top), *marked)


@coach_view
@require_http_methods(GET_POST)
def client_edit(request: HttpRequest, client_id: int) -> HttpResponse:
    stored, version = clients.profile_with_version(request.user, client_id)
    values = forms.initial_values(stored)
    issues: tuple[Issue, ...] = ()
    status = None
    if request.method == "POST":
        values = forms.raw_values(request.POST, forms.INTAKE_SECTIONS, fractures=True)
        data = forms.merged_profile(stored, forms.profile_data(values))
        try:
            opened = versions.parse(request.POST.get("version"))
            paused = clients.update_profile(
                request.user, client_id, data, today=today(), via="web", version=opened
            )
        except versions.Conflict as exc:
            issues, status = _conflict_issues(exc), 409
        except InputError as exc:
            issues = exc.issues
        else:
            audited(request, audit.Action.UPDATE, client_id, "profile", client_id,
                    "profile replaced")  # fmt: skip
            if paused:  # R32a: the reason is on her page, at the top
                p = _pronouns(request, client_id)
                messages.error(
                    request,
                    _("Profile saved. %(possessive)s program is paused (R32a).")
                    % {"possessive": p.cap(p.possessive)},
                )
            else:
                messages.success(request, _("Profile saved. Generate a new program to use it."))
            return redirect("coach-client", client_id=client_id)
    name = clients.client_name(request.user, client_id)
    if request.method == "GET":
        audited(request, audit.Action.VIEW, client_id, "profile", client_id,
                "opened the profile to edit")  # fmt: skip
    return _intake(
        request, values, issues, title=_("Edit %(name)s") % {"name": name},
        client_id=client_id, version=version, status=status,
    )  # fmt: skip


# --- the client's page ------------------------------------------------------------------


@coach_view
@require_safe
def client_detail(request: HttpRequest, client_id: int) -> HttpResponse:
    user, day = request.user, today()
    profile = clients.profile_for(user, client_id, today=day)
    view = client_programs.today_session(user, client_id, today=day)
    screening = plans.screening_document(plans.screen_client(profile, as_of=day))
    rows_for_client = clients.roster(user, today=day, client_id=client_id)
    row = rows_for_client[0] if rows_for_client else None
    catalogue = get_catalogue()
    rows = training_log.log_rows(user, client_id, since=day - timedelta(days=14))
    names = {r["exercise_id"]: r["exercise_id"] for r in rows}
    names.update({e: catalogue[e].name for e in names if e in catalogue})
    recent = present.log_summary(rows, profile.units.value, names)
    pronouns = pronouns_for(profile.sex.value)
    recorded_scans, recorded_tests = clients.recorded_of(user, client_id)
    audited(request, audit.Action.VIEW, client_id, "client", client_id, "viewed the client's page")
    return render(
        request,
        "osteoload/coach/client.html",
        {
            "client_id": client_id,
            "name": view.client_name,
            "view": view,
            "row": row,
            "badges": present.client_badges(row.flags, screening.get("status")) if row else [],
            "summary": present.profile_summary(profile),
            "screening": screening,
            "screening_facts": present.screening_facts(screening),
            "findings": present.group_findings(
                findings_for(screening.get("findings", []), Audience.COACH, pronouns)
            ),
            "next_steps": steps_for(screening, Audience.COACH, pronouns),
            "pronouns": pronouns,
            "programs": [
                {**summary_dict(p), "status_label": labels.label(labels.PROGRAM_STATUS, p.status)}
                for p in client_programs.programs_of(user, client_id)
            ],
            "program_status": labels.label(labels.PROGRAM_STATUS, view.program_status),
            "generate": forms.bind([forms.GENERATE], {"weeks": "12"}),
            "recent": recent,
            "symptom_reports": [
                {**r, "labels": [labels.words(s) for s in r["symptoms"]]}
                for r in training_log.symptom_reports(user, client_id, limit=5)
            ],
            "next_date": present.long_date(date.fromisoformat(view.session["date"]))
            if view.session
            else "",
            "scans": present.scan_rows(recorded_scans),
            "blockers": client_programs.generation_blockers(profile, today=day),
            "pause_heading": stop_words.heading_for_coach(view.stop_source, profile.sex.value)
            if view.paused
            else "",
            "test_records": present.tests_rows(recorded_tests),
            **feed_context(request, client_id, coach=True),
        },
    )


@coach_view
@require_http_methods(GET_POST)
def program_generate(request: HttpRequest, client_id: int) -> HttpResponse:
    name = clients.client_name(request.user, client_id)
    values: dict[str, Any] = {"weeks": "12"}
    issues: list[Issue] = []
    if request.method == "POST":
        values = forms.raw_values(request.POST, [forms.GENERATE])
        start: date | None = None
        weeks = 12
        if values["start"]:
            try:
                start = date.fromisoformat(values["start"])
            except ValueError:
                issues.append(
                    Issue(
                        "start",
                        _("%(value)s is not a date; write it as YYYY-MM-DD")
                        % {"value": repr(values["start"])},
                    )
                )
        if values["weeks"]:
            parsed = forms.number(values["weeks"])
            if isinstance(parsed, int):
                weeks = parsed
            else:
                issues.append(
                    Issue(
                        "weeks",
                        _("%(value)s is not a whole number") % {"value": repr(values["weeks"])},
                    )
                )
        if not issues:
            try:
                program_id = client_programs.generate_for_client(
                    request.user, client_id, today=today(), start=start, weeks=weeks
                )
            except InputError as exc:
                issues.extend(exc.issues)
            else:
                audited(request, audit.Action.CREATE, client_id, "program", program_id,
                        "program generated")  # fmt: skip
                return redirect("coach-program", client_id=client_id, program_id=program_id)
    return render(
        request,
        "osteoload/coach/generate.html",
        {
            "client_id": client_id,
            "name": name,
            "form": forms.bind([forms.GENERATE], values, issues),
            "pronouns": _pronouns(request, client_id),
        },
        status=422 if issues else 200,
    )


def _program_exercises(document: dict[str, Any]) -> list[dict[str, Any]]:
    """Each exercise of the program once, in the order it first appears (the swap list)."""
    exercises: dict[str, dict[str, Any]] = {}
    for week in document.get("weeks", []):
        for session in week["sessions"]:
            for item in session["items"]:
                exercises.setdefault(
                    item["exercise_id"],
                    {"id": item["exercise_id"], "name": exercise_words(item["name"]),
                     "component": labels.label(labels.COMPONENTS, item["component"])},
                )  # fmt: skip
    return list(exercises.values())


def _week(week: dict[str, Any], units: str, *, sessions: bool) -> dict[str, Any]:
    """One week's heading and, when ``sessions``, its sessions in the coach's words (only the
    weeks on show are worded: the others load on demand, issue 17)."""
    shown = []
    for session in week["sessions"] if sessions else ():
        items = [
            {
                "name": worded["name"],
                "component": labels.label(labels.COMPONENTS, item["component"]),
                "dose": present.dose(item, units),
                "why": worded.get("why", ""),
                "note": worded.get("note") or "",
            }
            for item in session["items"]
            for worded in (present.localised_item(item),)
        ]
        shown.append(
            {
                "date": present.long_date(date.fromisoformat(session["date"])),
                "kind": labels.label(labels.KINDS, session.get("kind")),
                "minutes": session.get("minutes"),
                "items": items,
            }
        )
    return {
        "week": week["week"],
        "phase": labels.label(labels.PHASES, week.get("phase")),
        "sessions": shown,
        "open": sessions,
        "balance_minutes": week.get("balance_minutes"),
        "impacts": week.get("impacts"),
    }


def _current_week(document: dict[str, Any], day: date) -> int:
    """The week of the program that ``day`` falls in (the first before it starts, the last
    after it ends)."""
    count = len(document.get("weeks", []))
    if not count:
        return 1
    elapsed = (day - date.fromisoformat(document["start"])).days // 7 + 1
    return max(1, min(count, elapsed))


@coach_view
@require_safe
def program_review(
    request: HttpRequest, client_id: int, program_id: int, week: int | None = None
) -> HttpResponse:
    """The program: screening, swaps, the next session and its weeks, of which only the
    current one (or ``week``, the no-script link's) is written out; the others load on demand
    (:func:`program_week`), so the page stays small (issue 17: <= 40 KB for 12 weeks)."""
    user = request.user
    document = client_programs.program_for(user, client_id, program_id, display=False)
    if week is not None and not 1 <= week <= len(document.get("weeks", [])):
        raise Http404
    if week is not None and is_htmx(request):
        fragment = _program_week(request, document, client_id, week)
        patch_vary_headers(fragment, ["HX-Request"])  # the same address answers the page
        return fragment
    name = clients.client_name(user, client_id)
    profile = clients.profile_for(user, client_id, today=today())
    units = profile.units.value
    pronouns = pronouns_for(profile.sex.value)
    shown = week if week is not None else _current_week(document, today())
    weeks = [_week(w, units, sessions=w["week"] == shown) for w in document.get("weeks", [])]
    screening = document.get("screening", {})
    audited(request, audit.Action.VIEW, client_id, "program", program_id, "viewed a program")
    upcoming: list[dict[str, Any]] = []
    if document.get("assigned"):
        nxt = coaching.next_for_client(user, client_id, today=today())
        for n in nxt.prescriptions.items if nxt else ():
            upcoming.append({
                "name": exercise_words(n.name),
                "dose": present.dose(coaching.with_next({}, n), units),
                "change": change_words(n.change.value, Audience.COACH),
                "style": n.change.value,
                "reason": n.reason,
                "last_time": nxt.last_time.get(n.exercise_id, "") if nxt else "",
            })  # fmt: skip
    response = render(
        request,
        "osteoload/coach/program.html",
        {
            "client_id": client_id,
            "program_id": program_id,
            "name": name,
            "document": document,
            "status": labels.label(labels.PROGRAM_STATUS, document.get("status")),
            "screening_facts": present.screening_facts(screening),
            "findings": present.group_findings(
                findings_for(screening.get("findings", []), Audience.COACH, pronouns)
            ),
            "pronouns": pronouns,
            "weeks": weeks,
            "upcoming": upcoming,
            "exercises": _program_exercises(document),
            "start": present.long_date(date.fromisoformat(document["start"])),
        },
    )
    if week is not None:
        patch_vary_headers(response, ["HX-Request"])  # the same address answers one week
    return response


def _program_week(
    request: HttpRequest, document: dict[str, Any], client_id: int, week: int
) -> HttpResponse:
    """One week's sessions alone: what "Show week N" loads with htmx (``document`` is the
    program as :func:`program_review`, its only caller, read it for the coach)."""
    shown = not request.GET.get("hide")
    return render(
        request,
        "osteoload/coach/_program_week.html",
        {
            "client_id": client_id,
            "program_id": document["id"],
            "week": _week(document["weeks"][week - 1], document["units"], sessions=shown),
        },
    )


@coach_view
@require_http_methods(GET_POST)
def program_swap(request: HttpRequest, client_id: int, program_id: int) -> HttpResponse:
    """GET: the alternatives for one exercise (a fragment for htmx, else a page); POST: swap."""
    if request.method == "GET":
        exercise_id = request.GET.get("exercise", "")
        document = client_programs.program_for(request.user, client_id, program_id, display=False)
        name = next(
            (
                exercise_words(i["name"])
                for w in document.get("weeks", [])
                for s in w["sessions"]
                for i in s["items"]
                if i["exercise_id"] == exercise_id
            ),
            None,
        )
        if name is None:
            raise Http404
        options = [
            {**option, "name": exercise_words(option["name"])}
            for option in client_programs.swap_options(
                request.user, client_id, program_id, exercise_id, today=today()
            )
        ]
        audited(request, audit.Action.VIEW, client_id, "program", program_id,
                "viewed the alternatives to an exercise")  # fmt: skip
        context = {
            "client_id": client_id,
            "program_id": program_id,
            "client_name": clients.client_name(request.user, client_id),
            "pronouns": _pronouns(request, client_id),
            "exercise": {"id": exercise_id, "name": name, "options": options},
            "version": document["version"],
        }
        template = (
            "osteoload/coach/_swap_form.html" if is_htmx(request) else "osteoload/coach/swap.html"
        )
        return render(request, template, context)
    old, new = request.POST.get("old", ""), request.POST.get("new", "")
    try:
        client_programs.swap_exercise(
            request.user, client_id, program_id, old, new, today=today(),
            version=versions.parse(request.POST.get("version")),
        )  # fmt: skip
    except versions.Conflict:
        # Two swaps at once: this one is not written (the program below is what is saved).
        messages.error(
            request, _("%(changed)s: the program was changed, so this swap was not made. Look at "
                       "the program below and swap again if you still want to.")
            % {"changed": _(versions.CHANGED_ELSEWHERE)},
        )  # fmt: skip
    except InputError as exc:
        messages.error(request, str(exc))
    else:
        audited(request, audit.Action.UPDATE, client_id, "program", program_id,
                "exercise swapped")  # fmt: skip
        downloads.prepare_booklets(request.user, client_id, today=today())
        messages.success(request, _("Exercise swapped everywhere in this program."))
    return redirect("coach-program", client_id=client_id, program_id=program_id)


@coach_view
@require_POST
def program_assign(request: HttpRequest, client_id: int, program_id: int) -> HttpResponse:
    try:
        client_programs.assign_program(
            request.user, client_id, program_id,
            version=versions.parse(request.POST.get("version")),
        )  # fmt: skip
    except versions.Conflict:
        messages.error(
            request, _("%(changed)s: the program was changed or assigned, so it was not assigned "
                       "now. Look at it again before assigning it.")
            % {"changed": _(versions.CHANGED_ELSEWHERE)},
        )  # fmt: skip
        return redirect("coach-program", client_id=client_id, program_id=program_id)
    except InputError as exc:
        messages.error(request, " ".join(i.message for i in exc.issues))
        return redirect("coach-program", client_id=client_id, program_id=program_id)
    audited(request, audit.Action.UPDATE, client_id, "program", program_id, "program assigned")
    downloads.prepare_booklets(request.user, client_id, today=today())  # in background
    p = _pronouns(request, client_id)
    messages.success(
        request,
        _("Program assigned: %(subject)s sees it on %(possessive)s phone now.")
        % {"subject": p.subject, "possessive": p.possessive},
    )
    return redirect("coach-client", client_id=client_id)


# --- invitation, tests, scans, pause -----------------------------------------------------


@never_cache
@coach_view
@require_POST
def invite_create(request: HttpRequest, client_id: int) -> HttpResponse:
    """A one-time link for her login (or a new password); shown once, as text to copy and as
    a QR code, and emailed to her when her coach wrote an address on the form."""
    email = request.POST.get("email", "").strip()
    try:
        address = mail.check_address(email) if email else ""
        now = clock.now()
        token = clients.create_invite(request.user, client_id, now=now)
    except InputError as exc:
        messages.error(request, str(exc))
        return redirect("coach-client", client_id=client_id)
    link = request.build_absolute_uri(reverse("invite", kwargs={"token": token}))
    name = clients.client_name(request.user, client_id)
    mailed, mail_failed = "", False
    if address:
        reset = clients.invitation(token, now=now).username is not None
        try:
            mail.send_invitation(
                request.user, client_id, address, link, days=clients.INVITE_DAYS, reset=reset
            )
        except mail.MailNotSent:
            mail_failed = True
        else:
            mailed = address
    return render(
        request,
        "osteoload/coach/invite_created.html",
        {
            "client_id": client_id,
            "name": name,
            "link": link,
            "qr": qr_svg(
                link, title=_("QR code of the invitation link for %(name)s") % {"name": name}
            ),
            "mailed": mailed,
            "mail_failed": mail_failed,
            "pronouns": _pronouns(request, client_id),
        },
    )


def _record(
    request: HttpRequest, client_id: int, section: forms.Section, kind: str
) -> HttpResponse:
    name = clients.client_name(request.user, client_id)
    values: dict[str, Any] = {"date": today().isoformat()}
    issues: tuple[Issue, ...] = ()
    if request.method == "POST":
        values = forms.raw_values(request.POST, [section])
        data = forms.section_data(values, [section])
        record = clients.record_tests if kind == "tests" else clients.record_scan
        try:
            record_id = record(request.user, client_id, data, today=today())
        except InputError as exc:
            issues = exc.issues
        else:
            audit.record(
                request.user, audit.Action.CREATE, client_id=client_id,
                object_type="tests" if kind == "tests" else "scan", object_id=record_id,
                summary="recorded functional tests" if kind == "tests" else "recorded a DXA scan",
                via="web",
            )  # fmt: skip
            messages.success(
                request, _("Tests recorded.") if kind == "tests" else _("Scan result recorded.")
            )
            return redirect("coach-client", client_id=client_id)
    return render(
        request,
        "osteoload/coach/record.html",
        {
            "client_id": client_id,
            "name": name,
            "kind": kind,
            "form": forms.bind([section], values, issues),
        },
        status=422 if issues else 200,
    )


@coach_view
@require_http_methods(GET_POST)
def tests_record(request: HttpRequest, client_id: int) -> HttpResponse:
    return _record(request, client_id, forms.TESTS, "tests")


@coach_view
@require_http_methods(GET_POST)
def scan_record(request: HttpRequest, client_id: int) -> HttpResponse:
    return _record(request, client_id, forms.SCAN, "scan")


def _form_text(document: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """A stored record as the form's text values (0 stays 0, not blank); a nested object's
    values under their dotted input names (``sppb_parts.tandem_s``)."""
    out: dict[str, Any] = {}
    for key, value in document.items():
        if isinstance(value, dict):
            out.update(_form_text(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = str(value)
    return out


def _correct(request: HttpRequest, client_id: int, record_id: int, kind: str) -> HttpResponse:
    """Correct a recorded scan (``kind`` ``scan``) or functional tests (``tests``): the form
    as when recording, filled with the stored values; checked the same way; audited."""
    user = request.user
    section = forms.TESTS if kind == "tests" else forms.SCAN
    stored = (
        clients.tests_record_of(user, client_id, record_id)
        if kind == "tests"
        else clients.scan_of(user, client_id, record_id)
    )
    values: dict[str, Any] = _form_text(stored.document())
    issues: tuple[Issue, ...] = ()
    version, status = stored.version, None
    if request.method == "GET":
        audited(request, audit.Action.VIEW, client_id, kind, record_id,
                "opened functional tests to correct" if kind == "tests"
                else "opened a DXA scan to correct")  # fmt: skip
    if request.method == "POST":
        values = forms.raw_values(request.POST, [section])
        data = forms.section_data(values, [section])
        try:
            opened = versions.parse(request.POST.get("version"))
            if kind == "tests":
                clients.update_tests(
                    user, client_id, record_id, data, today=today(), via="web", version=opened
                )
            else:
                clients.update_scan(
                    user, client_id, record_id, data, today=today(), via="web", version=opened
                )
        except versions.Conflict as exc:
            issues, status = _conflict_issues(exc), 409
        except InputError as exc:
            issues = exc.issues
        else:
            messages.success(
                request, _("Tests corrected.") if kind == "tests" else _("Scan corrected.")
            )
            return redirect("coach-client", client_id=client_id)
    return render(
        request,
        "osteoload/coach/record.html",
        {
            "client_id": client_id,
            "name": clients.client_name(user, client_id),
            "kind": kind,
            "editing": True,
            "version": version,
            "form": forms.bind([section], values, issues),
        },
        status=status or (422 if issues else 200),
    )


def _delete(request: HttpRequest, client_id: int, record_id: int, kind: str) -> HttpResponse:
    """Ask to confirm (GET), then delete (POST, with the CSRF token) a recorded scan or
    functional tests; audited."""
    user = request.user
    if kind == "tests":
        rows = present.tests_rows([clients.tests_record_of(user, client_id, record_id)])
    else:
        rows = present.scan_rows([clients.scan_of(user, client_id, record_id)])
    if request.method == "POST":
        if kind == "tests":
            clients.delete_tests(user, client_id, record_id, via="web")
        else:
            clients.delete_scan(user, client_id, record_id, via="web")
        messages.success(request, _("Tests deleted.") if kind == "tests" else _("Scan deleted."))
        return redirect("coach-client", client_id=client_id)
    audited(request, audit.Action.VIEW, client_id, kind, record_id,
            "viewed functional tests to delete" if kind == "tests"
            else "viewed a DXA scan to delete")  # fmt: skip
    return render(
        request,
        "osteoload/coach/record_delete.html",
        {
            "client_id": client_id,
            "name": clients.client_name(user, client_id),
            "kind": kind,
            "row": rows[0],
        },
    )


@coach_view
@require_http_methods(GET_POST)
def scan_edit(request: HttpRequest, client_id: int, scan_id: int) -> HttpResponse:
    return _correct(request, client_id, scan_id, "scan")


@coach_view
@require_http_methods(GET_POST)
def scan_delete(request: HttpRequest, client_id: int, scan_id: int) -> HttpResponse:
    return _delete(request, client_id, scan_id, "scan")


@coach_view
@require_http_methods(GET_POST)
def tests_edit(request: HttpRequest, client_id: int, tests_id: int) -> HttpResponse:
    return _correct(request, client_id, tests_id, "tests")


@coach_view
@require_http_methods(GET_POST)
def tests_delete(request: HttpRequest, client_id: int, tests_id: int) -> HttpResponse:
    return _delete(request, client_id, tests_id, "tests")


@coach_view
@require_POST
def resume(request: HttpRequest, client_id: int) -> HttpResponse:
    try:
        training_log.resume(request.user, client_id, today=today())
    except ResumeRefused as exc:
        # R32a: her screening today still stops the program; the message says what to record.
        messages.error(request, str(exc))
        return redirect("coach-client", client_id=client_id)
    audited(request, audit.Action.UPDATE, client_id, "client", client_id, "pause lifted")
    p = _pronouns(request, client_id)
    messages.success(
        request, _("Pause lifted: %(subject)s can log sessions again.") % {"subject": p.subject}
    )
    return redirect("coach-client", client_id=client_id)


# --- progress -----------------------------------------------------------------------------


@coach_view
@require_safe
def client_progress(request: HttpRequest, client_id: int) -> HttpResponse:
    user, day = request.user, today()
    profile = clients.profile_for(user, client_id, today=day)
    series = progress.progress_series(user, client_id, today=day, weeks=26)
    target = plans.screen_client(profile, as_of=day).balance_minutes_target
    audited(request, audit.Action.VIEW, client_id, "progress", None, "viewed 26 weeks of progress")
    return render(
        request,
        "osteoload/coach/progress.html",
        {
            "client_id": client_id,
            "name": clients.client_name(user, client_id),
            "groups": progress_charts(
                series,
                units=profile.units.value,
                for_client=False,
                balance_target=target,
                pronouns=pronouns_for(profile.sex.value),
            ),
        },
    )
