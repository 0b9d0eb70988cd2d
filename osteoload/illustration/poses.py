"""Building poses from data: :func:`build_pose_library` validates the raw pose data
(``osteoload/data/poses.yaml``, parsed by the data layer) and resolves templates, ``like``
and ``both`` entries into one :class:`Illustration` per exercise; a :class:`PoseError`
lists every problem at once.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .model import (
    ADAPTIVE_SUPPORTS,
    BODY_POINTS,
    FIXED_SUPPORTS,
    POINT_GROUPS,
    Illustration,
    Pose,
    PoseError,
    Prop,
)
from .props import PROP_KINDS

_PROP_FIELDS = frozenset({"kind", "at", "to", "x", "y", "angle", "side", "size"})

_SIDED = ("hip", "knee", "foot", "shoulder", "elbow", "reach", "leg_reach")
_NUMBERS = frozenset({
    "trunk", "neck", "curve", "shrug", "lift", "shift", "grip_height",
    *(f"{k}_{s}" for k in _SIDED for s in ("l", "r")),
})  # fmt: skip
POSE_KEYS = frozenset({*_NUMBERS, *_SIDED, "view", "level", "support", "eyes", "props", "marks"})


# Building poses from data
# =========================================================================================


def _number(value: Any, where: str, key: str, problems: list[str]) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        problems.append(f"{where}: {key} must be a number, got {value!r}")
        return None
    if abs(value) > 720:
        problems.append(f"{where}: {key} {value} is out of range; allowed -720 to 720")
        return None
    return float(value)


def _expand(raw: Mapping[str, Any]) -> dict[str, Any]:
    """Spread a two-sided key (``hip``) into ``hip_l`` and ``hip_r``."""
    out: dict[str, Any] = {}
    for key, value in raw.items():
        if key in _SIDED:
            out[f"{key}_l"] = value
            out[f"{key}_r"] = value
        else:
            out[key] = value
    return out


def build_pose(raw: Mapping[str, Any], where: str) -> Pose:
    """Validate one merged pose mapping and build the :class:`Pose`."""
    problems: list[str] = []
    values = _expand(raw)
    kwargs: dict[str, Any] = {}
    for key, value in values.items():
        if key not in POSE_KEYS:
            problems.append(f"{where}: unknown pose key {key!r} (quote yes/no/on/off in YAML)")
        elif key in _NUMBERS:
            if value is None and key.startswith("foot_"):
                kwargs[key] = None
                continue
            number = _number(value, where, key, problems)
            if number is not None:
                kwargs[key] = number
    view = values.get("view", "side")
    if view not in ("side", "front"):
        problems.append(f"{where}: view {view!r} is not one of side, front")
    kwargs["view"] = view
    eyes = values.get("eyes", "open")
    if eyes not in ("open", "closed"):
        problems.append(f"{where}: eyes {eyes!r} is not one of open, closed")
    kwargs["eyes"] = eyes
    marks = values.get("marks", "auto")
    if marks not in ("auto", "jump", "impact", "none"):
        problems.append(f"{where}: marks {marks!r} is not one of auto, jump, impact, none")
    kwargs["marks"] = marks
    level = values.get("level")
    if level is not None:
        kwargs["level"] = _level(level, where, problems)
    on = values.get("support", {})
    if not isinstance(on, Mapping):
        problems.append(f"{where}: support must map body points to furniture")
        on = {}
    pairs: list[tuple[str, str]] = []
    for point, support in on.items():
        if point not in POINT_GROUPS and point not in BODY_POINTS:
            problems.append(f"{where}: support: unknown body point {point!r}")
        elif support not in FIXED_SUPPORTS and support not in ADAPTIVE_SUPPORTS:
            allowed = ", ".join(sorted({*FIXED_SUPPORTS, *ADAPTIVE_SUPPORTS}))
            problems.append(f"{where}: support: {support!r} is not furniture; allowed: {allowed}")
        else:
            pairs.append((str(point), str(support)))
    kwargs["on"] = tuple(pairs)
    props = values.get("props", [])
    if not isinstance(props, list):
        problems.append(f"{where}: props must be a list")
        props = []
    kwargs["props"] = tuple(p for p in (_prop(x, where, problems) for x in props) if p)
    if problems:
        raise PoseError("\n  ".join(problems))
    return Pose(**kwargs)


def _level(value: Any, where: str, problems: list[str]) -> tuple[str, str, float] | None:
    if not isinstance(value, list) or len(value) not in (2, 3):
        problems.append(f"{where}: level must be [point, point] or [point, point, height]")
        return None
    a, b = value[0], value[1]
    for name in (a, b):
        if name not in POINT_GROUPS and name not in BODY_POINTS:
            problems.append(f"{where}: level: unknown body point {name!r}")
            return None
    dy = _number(value[2], where, "level height", problems) if len(value) == 3 else 0.0
    return (str(a), str(b), dy or 0.0)


def _prop(raw: Any, where: str, problems: list[str]) -> Prop | None:
    if isinstance(raw, str):
        raw = {"kind": raw}
    if not isinstance(raw, Mapping):
        problems.append(f"{where}: a prop must be a name or a mapping, got {raw!r}")
        return None
    unknown = sorted(set(raw) - _PROP_FIELDS)
    if unknown:
        problems.append(f"{where}: prop fields {', '.join(unknown)} unknown")
        return None
    kind = raw.get("kind")
    if kind not in PROP_KINDS:
        problems.append(
            f"{where}: prop kind {kind!r} unknown; allowed: {', '.join(sorted(PROP_KINDS))}"
        )
        return None
    for ref in ("at", "to"):
        name = raw.get(ref)
        if (
            name is not None
            and name != "back"
            and name not in POINT_GROUPS
            and name not in BODY_POINTS
        ):
            problems.append(f"{where}: {kind} {ref}: unknown body point {name!r}")
            return None
    nums: dict[str, float | None] = {}
    for key in ("x", "y", "angle", "size"):
        if raw.get(key) is not None:
            nums[key] = _number(raw[key], where, f"{kind} {key}", problems)
    return Prop(
        kind=str(kind),
        at=raw.get("at"),
        to=raw.get("to"),
        x=nums.get("x"),
        y=nums.get("y"),
        angle=nums.get("angle") or 0.0,
        side=str(raw.get("side", "")),
        size=nums.get("size"),
    )


@dataclass(slots=True)
class _Entry:
    start: dict[str, Any] = field(default_factory=dict)
    end: dict[str, Any] = field(default_factory=dict)
    say_start: str = ""
    say_end: str = ""
    frame: str = "full"


_ENTRY_KEYS = frozenset({"template", "like", "both", "start", "end", "say", "frame"})


class _Resolver:
    """Resolves ``template`` and ``like`` references of the pose data into entries, once
    each, collecting every problem (a reference cycle, an unknown name, a bad field)."""

    def __init__(
        self,
        templates: Mapping[str, Any],
        defaults: Mapping[str, Any],
        entries: Mapping[str, Any],
        patterns: Mapping[str, str],
    ) -> None:
        self.templates = templates
        self.defaults = defaults
        self.entries = entries
        self.patterns = patterns
        self.problems: list[str] = []
        self.resolved: dict[str, _Entry] = {}

    def resolve(self, kind: str, name: str, trail: tuple[str, ...]) -> _Entry | None:
        """The entry ``kind.name`` with everything it refers to applied, or ``None``."""
        key = f"{kind}.{name}"
        if key in trail:
            self.problems.append(f"{key}: refers to itself through {' -> '.join(trail)}")
            return None
        if key in self.resolved:
            return self.resolved[key]
        spec = self._spec(kind, name, trail)
        if spec is None:
            return None
        unknown = sorted(set(spec) - _ENTRY_KEYS)
        if unknown:
            self.problems.append(f"{key}: unknown field(s) {', '.join(unknown)}")
        base = _Entry()
        if "template" in spec:
            got = self.resolve("templates", str(spec["template"]), (*trail, key))
            base = got if got is not None else base
        elif "like" in spec:
            got = self.resolve("exercises", str(spec["like"]), (*trail, key))
            base = got if got is not None else base
        entry = _Entry(
            start=dict(base.start),
            end=dict(base.end),
            say_start=base.say_start,
            say_end=base.say_end,
            frame=str(spec.get("frame", base.frame)),
        )
        self._apply(entry, spec, key)
        self.resolved[key] = entry
        return entry

    def _spec(self, kind: str, name: str, trail: tuple[str, ...]) -> Mapping[str, Any] | None:
        """The raw entry (an exercise without one uses its pattern's default template)."""
        key = f"{kind}.{name}"
        if kind == "templates":
            spec = self.templates.get(name)
        else:
            spec = self.entries.get(name)
            if spec is None:
                pattern = self.patterns.get(name)
                default = self.defaults.get(pattern) if pattern else None
                if default is None:
                    self.problems.append(
                        f"exercises.{name}: no pose, and pattern {pattern!r} has no "
                        "default template"
                    )
                    return None
                spec = {"template": default}
        if spec is None:
            self.problems.append(f"{' -> '.join(trail)}: unknown {kind[:-1]} {name!r}")
            return None
        if not isinstance(spec, Mapping):
            self.problems.append(f"{key}: must be a mapping")
            return None
        return spec

    def _apply(self, entry: _Entry, spec: Mapping[str, Any], key: str) -> None:
        """Apply the ``both``, ``start`` and ``end`` overrides and the ``say`` words."""
        for part in ("both", "start", "end"):
            layer = spec.get(part, {})
            if not isinstance(layer, Mapping):
                self.problems.append(f"{key}.{part}: must be a mapping")
                continue
            expanded = _expand(layer)
            for target in ("start", "end") if part == "both" else (part,):
                getattr(entry, target).update(expanded)
        say = spec.get("say", {})
        if not isinstance(say, Mapping):
            self.problems.append(f"{key}.say: must map start and end to words")
        else:
            entry.say_start = str(say.get("start", entry.say_start))
            entry.say_end = str(say.get("end", entry.say_end))


def build_pose_library(
    raw: Mapping[str, Any], patterns: Mapping[str, str]
) -> dict[str, Illustration]:
    """Validate the pose data and resolve one :class:`Illustration` per exercise.

    ``raw`` has ``templates`` (named start/end poses), ``patterns`` (the default template
    of each movement pattern) and ``exercises`` (per exercise id: ``template`` or ``like``
    another exercise, then overrides in ``both``, ``start`` and ``end``, and ``say``).
    ``patterns`` maps every catalogue id to its movement pattern; an exercise without an
    entry uses its pattern's template. Raises :class:`PoseError` listing every problem.
    """
    templates = raw.get("templates", {})
    defaults = raw.get("patterns", {})
    entries = raw.get("exercises", {})
    for name, section in (("templates", templates), ("patterns", defaults), ("exercises", entries)):
        if not isinstance(section, Mapping):
            raise PoseError(f"poses: {name} must be a mapping")
    resolver = _Resolver(templates, defaults, entries, patterns)
    problems = resolver.problems
    for ex_id in entries:
        if ex_id not in patterns:
            problems.append(f"exercises.{ex_id}: not an exercise in the catalogue")
    library: dict[str, Illustration] = {}
    for ex_id in patterns:
        entry = resolver.resolve("exercises", ex_id, ())
        if entry is None:
            continue
        if not entry.say_start or not entry.say_end:
            problems.append(f"exercises.{ex_id}: needs words for both start and end (say)")
        if entry.frame not in ("full", "upper"):
            problems.append(f"exercises.{ex_id}: frame {entry.frame!r} is not full or upper")
        try:
            start = build_pose(entry.start, f"exercises.{ex_id}.start")
            end = build_pose(entry.end, f"exercises.{ex_id}.end")
        except PoseError as exc:
            problems.append(str(exc))
            continue
        library[ex_id] = Illustration(
            exercise_id=ex_id,
            start=start,
            end=end,
            say_start=entry.say_start,
            say_end=entry.say_end,
            frame=entry.frame,
        )
    if problems:
        raise PoseError("invalid pose data:\n  " + "\n  ".join(dict.fromkeys(problems)))
    return library
