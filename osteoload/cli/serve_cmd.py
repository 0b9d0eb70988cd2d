"""``osteoload serve``: migrate the database and run the web app with gunicorn."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from osteoload.wording import _

from .common import collect_as_usual, console, fail, fail_out_of_range, freeze_what_is_loaded


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on (1 to 65535).")] = 8000,
    demo: Annotated[bool, typer.Option(help="Seed a demo clinic and print its logins.")] = False,
    workers: Annotated[int, typer.Option(help="Worker processes (1 to 16).")] = 2,
    threads: Annotated[
        int,
        typer.Option(
            help="Threads per worker (1 to 32). 1: gunicorn's sync worker, one request at a "
            "time, each connection closed after its answer (the default); more: its threaded "
            "worker with keep-alive (docs/performance.md, 'The server')."
        ),
    ] = 1,
) -> None:
    """Run the osteoload web app (SQLite in the data directory unless DATABASE_URL is set)."""
    if not 1 <= port <= 65535:
        fail_out_of_range("--port", port, 1, 65535)
    if not 1 <= workers <= 16:
        fail_out_of_range("--workers", workers, 1, 16)
    if not 1 <= threads <= 32:
        fail_out_of_range("--threads", threads, 1, 32)
    from osteoload.services.database import (
        close_connections,
        database_description,
        migrate,
        setup_django,
    )

    setup_django()
    from osteoload.services import clock

    with console().status(_("Preparing the database...")):
        migrate()
    console().print(_("Data: %(where)s") % {"where": database_description()}, markup=False)
    if demo:
        from osteoload.devtools.demo import holds_other_data, seed_demo

        if holds_other_data():
            close_connections()
            fail(
                "--demo: "
                + _(
                    "this clinic already holds logins or clients of its own; the demo (a coach "
                    "with a public password) is only for an empty data directory. Run without "
                    "--demo, or set OSTEOLOAD_DATA_DIR (or DATABASE_URL) to an empty one."
                )
            )
        with console().status(_("Seeding the demo clinic (eight weeks of training)...")):
            logins = seed_demo(today=clock.today())
        values = {
            "coach": logins.coach,
            "clients": ", ".join(logins.clients),
            "password": logins.password,
        }
        console().print(
            _(
                "Demo clinic created. Log in as the coach '%(coach)s' or as a client "
                "(%(clients)s); password for all: %(password)s"
            )
            % values
            if logins.created
            else _(
                "Demo clinic already there. Log in as the coach '%(coach)s' or as a client "
                "(%(clients)s); password for all: %(password)s"
            )
            % values,
            markup=False,
        )
    # Workers are forked from this process: none may inherit the connection opened to
    # migrate (on PostgreSQL several workers would share one socket).
    close_connections()
    shown = f"[{host}]" if ":" in host else host
    console().print(
        _("osteoload is running at %(url)s  (Ctrl+C to stop)") % {"url": f"http://{shown}:{port}/"},
        markup=False,
    )
    collect_as_usual()  # the server and its workers run for days: Python's own collector
    _run_gunicorn(gunicorn_options(host, port, workers, threads))


def gunicorn_options(host: str, port: int, workers: int, threads: int) -> dict[str, Any]:
    """gunicorn's settings: sync workers, or with ``threads`` > 1 threaded ones that keep
    connections alive for 5 s (a sync worker closes each connection after its answer)."""
    options: dict[str, Any] = {
        "bind": f"{host}:{port}",
        "workers": workers,
        "accesslog": None,
        "errorlog": "-",
        "loglevel": "warning",
        "timeout": 60,
    }
    if threads > 1:
        options.update(worker_class="gthread", threads=threads, keepalive=5)
    return options


def loaded_application() -> Any:
    """The web app as the server's workers get it: loaded by name, as any WSGI server would
    (the CLI and the web front end stay independent layers), every view and API schema
    loaded once (not in each worker at its first request), then all of it frozen out of
    the collector's sight (:func:`freeze_what_is_loaded`) before the workers are forked.
    ``bench/pages_bench.py`` reads its pages from the same."""
    from django.urls import get_resolver
    from gunicorn.util import import_app

    application = import_app("osteoload.web.wsgi:application")
    get_resolver().url_patterns  # noqa: B018
    freeze_what_is_loaded()
    return application


def _run_gunicorn(options: dict[str, Any]) -> None:
    from gunicorn.app.base import BaseApplication

    application = loaded_application()

    class _App(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            return application

    _App().run()


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
