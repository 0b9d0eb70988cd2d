"""The program as a calendar (.ics).

Every session is an all-day event on its date (no clock time, so it never lands on the wrong
day in another time zone), with a UID that stays the same when the same program is printed
again, so calendar apps update events instead of duplicating them. Her calendar subscription
(:mod:`osteoload.services.calendar_feed`) asks the same builder for timed events at her usual
training time (floating: her phone's own clock) with a reminder alarm before each.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, time, timedelta

from osteoload.domain.profile import ClientProfile
from osteoload.domain.program import Program, Session, SessionKind
from osteoload.wording import Audience
from osteoload.wording.catalogue import exercise_words
from osteoload.wording.dose import dose_text

from .. import clock
from .rendering import _
from .words import SAFETY_LINE, phase_words

PRODID = "-//osteoload//program calendar//EN"


def session_uid(profile: ClientProfile, program: Program, session: Session) -> str:
    """Stable per session: the same program printed again gives the same UIDs."""
    key = "|".join(
        (
            profile.name or "client",
            program.start.isoformat(),
            session.date.isoformat(),
            session.kind,
        )
    )
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:24] + "@osteoload"


def program_ics(
    program: Program | None,
    profile: ClientProfile,
    *,
    stamp: datetime | None = None,
    at: time | None = None,
    remind_minutes: int | None = None,
    refresh_hours: int | None = None,
) -> bytes:
    """Every session as an event on its date; the doses in the description.

    All-day events by default. With ``at`` each session starts at that time of day as a
    floating time (her own clock wherever she is) and lasts its estimated minutes; with
    ``remind_minutes`` each event carries a reminder alarm (VALARM) that many minutes before
    it starts; ``refresh_hours`` tells a subscribing calendar how often to fetch it again.
    ``program`` ``None`` gives the calendar without sessions (a subscription whose program
    is paused or not assigned yet).
    """
    from icalendar import Alarm, Calendar, Event

    stamp = stamp or clock.now()
    units = profile.units
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add(
        "x-wr-calname",
        _("Exercise program - %(name)s") % {"name": profile.name}
        if profile.name
        else _("Exercise program"),
    )
    if refresh_hours is not None:
        cal.add(
            "refresh-interval", timedelta(hours=refresh_hours), parameters={"VALUE": "DURATION"}
        )
        cal.add("x-published-ttl", f"PT{refresh_hours}H")
    for week in program.weeks if program is not None else ():
        for session in week.sessions:
            kind = (
                _("Strength session")
                if session.kind is SessionKind.RESISTANCE
                else _("Home balance session")
            )
            event = Event()
            assert program is not None  # (the loop runs only over a program's weeks)
            event.add("uid", session_uid(profile, program, session))
            event.add("dtstamp", stamp)
            if at is None:
                event.add("dtstart", session.date)
                event.add("dtend", session.date + timedelta(days=1))
            else:
                start = datetime.combine(session.date, at)
                event.add("dtstart", start)
                event.add("dtend", start + timedelta(minutes=max(session.minutes, 1)))
            summary = _("%(kind)s (week %(week)s, %(phase)s)") % {
                "kind": kind,
                "week": week.week,
                "phase": phase_words(week.phase.value),
            }
            event.add("summary", summary)
            lines = [_("About %(minutes)s minutes.") % {"minutes": session.minutes}]
            lines += [
                f"- {exercise_words(item.name)}: {dose_text(item, units, Audience.PRINT)}"
                for item in session.items
            ]
            lines.append("")
            lines.append(_(SAFETY_LINE))
            event.add("description", "\n".join(lines))
            event.add("transp", "TRANSPARENT")
            if remind_minutes is not None:
                alarm = Alarm()
                alarm.add("action", "DISPLAY")
                alarm.add("description", summary)
                alarm.add("trigger", timedelta(minutes=-remind_minutes))
                event.add_component(alarm)
            cal.add_component(event)
    data: bytes = cal.to_ical()
    return data
