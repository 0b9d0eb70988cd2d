"""Paper documents: the program booklet (PDF), the calendar (.ics) and the doctor's report.

- :mod:`.booklet`: the booklet, with its session pages (:mod:`.sessions`) and the screening
  in plain words (:mod:`.words`);
- :mod:`.calendar`: the program as calendar events;
- :mod:`.report`: the progress report for her doctor, with its projection chart
  (:mod:`.chart`);
- :mod:`.rendering`: templates (``services/templates/paper/``), HTML to PDF, files;
- :mod:`.downloads`: a stored client's documents for the app, cached on disk (imports the
  store: import it as ``osteoload.services.documents.downloads``, never from here, so that
  the command line prints documents without a database).
"""

from .booklet import program_context, program_html, program_pdf
from .calendar import program_ics
from .rendering import DAY_NAMES, html_to_pdf, long_date, pdf_layout, write_atomically
from .report import progress_report, report_context, report_html, report_pdf
from .sessions import session_types

__all__ = [
    "DAY_NAMES",
    "html_to_pdf",
    "long_date",
    "pdf_layout",
    "program_context",
    "program_html",
    "program_ics",
    "program_pdf",
    "progress_report",
    "report_context",
    "report_html",
    "report_pdf",
    "session_types",
    "write_atomically",
]
