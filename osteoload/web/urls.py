"""URL map of the pages. Names are stable: templates and tests use them."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, include, path

from . import passkeys
from .views import accounts, client, coach, documents, history, pictures, pwa, settings, two_factor
from .views import calendar as calendar_views
from .views import language as language_views

urlpatterns: list[URLPattern | URLResolver] = [
    path("", accounts.home, name="home"),
    path("healthz", accounts.healthz, name="healthz"),
    # The installable app: its manifest and its service worker, from the site's root
    path("manifest.webmanifest", pwa.manifest, name="manifest"),
    path("sw.js", pwa.service_worker, name="service-worker"),
    path("login/", accounts.login_view, name="login"),
    path("logout/", accounts.logout_view, name="logout"),
    path("invite/<str:token>/", accounts.accept_invite, name="invite"),
    # Settings: her own API tokens, the clinic's details, her password (coach or client)
    path("settings/", settings.settings_page, name="settings"),
    path("settings/language/", language_views.own_language, name="settings-language"),
    path("settings/tokens/", settings.token_create, name="settings-token-create"),
    path("settings/tokens/<int:token_id>/revoke/", settings.token_revoke,
         name="settings-token-revoke"),
    path("settings/password/", settings.password_change, name="settings-password"),
    path("settings/two-factor/", two_factor.settings_page, name="settings-two-factor"),
    path("settings/two-factor/qr.svg", two_factor.qr_code, name="settings-two-factor-qr"),
    path("login/verify/", two_factor.verify, name="two-factor-verify"),
    path("settings/two-factor/passkeys/<int:passkey_id>/remove/", two_factor.passkey_remove,
         name="settings-passkey-remove"),
    # Passkeys: the WebAuthn ceremonies' JSON endpoints (django-otp-webauthn's, coaches only)
    path("webauthn/", include(passkeys)),
    # Coaches
    path("coach/", coach.roster, name="coach-roster"),
    path("coach/clients/new/", coach.client_new, name="coach-client-new"),
    path("coach/clients/<int:client_id>/", coach.client_detail, name="coach-client"),
    path("coach/clients/<int:client_id>/edit/", coach.client_edit, name="coach-client-edit"),
    path("coach/clients/<int:client_id>/language/", language_views.client_language,
         name="coach-client-language"),
    path("coach/clients/<int:client_id>/progress/", coach.client_progress,
         name="coach-client-progress"),
    path("coach/clients/<int:client_id>/invite/", coach.invite_create, name="coach-invite"),
    path("coach/clients/<int:client_id>/tests/", coach.tests_record, name="coach-tests"),
    path("coach/clients/<int:client_id>/scans/", coach.scan_record, name="coach-scan"),
    path("coach/clients/<int:client_id>/scans/<int:scan_id>/edit/", coach.scan_edit,
         name="coach-scan-edit"),
    path("coach/clients/<int:client_id>/scans/<int:scan_id>/delete/", coach.scan_delete,
         name="coach-scan-delete"),
    path("coach/clients/<int:client_id>/tests/<int:tests_id>/edit/", coach.tests_edit,
         name="coach-tests-edit"),
    path("coach/clients/<int:client_id>/tests/<int:tests_id>/delete/", coach.tests_delete,
         name="coach-tests-delete"),
    path("coach/clients/<int:client_id>/resume/", coach.resume, name="coach-resume"),
    path("coach/clients/<int:client_id>/programs/new/", coach.program_generate,
         name="coach-program-generate"),
    path("coach/clients/<int:client_id>/programs/<int:program_id>/", coach.program_review,
         name="coach-program"),
    path("coach/clients/<int:client_id>/programs/<int:program_id>/weeks/<int:week>/",
         coach.program_review, name="coach-program-week"),
    path("coach/clients/<int:client_id>/programs/<int:program_id>/swap/", coach.program_swap,
         name="coach-program-swap"),
    path("coach/clients/<int:client_id>/programs/<int:program_id>/assign/",
         coach.program_assign, name="coach-program-assign"),
    path("coach/clients/<int:client_id>/documents/booklet.pdf", documents.coach_booklet,
         name="coach-booklet"),
    path("coach/clients/<int:client_id>/documents/booklet-large-print.pdf",
         documents.coach_booklet, {"large_print": True}, name="coach-booklet-large"),
    path("coach/clients/<int:client_id>/documents/calendar.ics", documents.coach_calendar,
         name="coach-calendar"),
    path("coach/clients/<int:client_id>/documents/report.pdf", documents.coach_report,
         name="coach-report"),
    # Clients (her own record only: no ids in these URLs but a logged set's)
    path("today/", client.today_page, name="client-today"),
    path("today/log/", client.log_set, name="client-log"),
    path("today/log/as-planned/", client.log_as_planned, name="client-log-as-planned"),
    path("today/sets/<int:set_id>/undo/", client.undo_set, name="client-undo"),
    path("feeling/", client.feeling, name="client-feeling"),
    path("progress/", client.progress_page, name="client-progress"),
    path("booklet/", documents.client_documents_page, name="client-documents"),
    path("booklet/booklet.pdf", documents.client_booklet, name="client-booklet"),
    path("booklet/booklet-large-print.pdf", documents.client_booklet, {"large_print": True},
         name="client-booklet-large"),
    path("booklet/calendar.ics", documents.client_calendar, name="client-calendar"),
]  # fmt: skip

# Her phone's calendar: the secret subscription (no login: the token is the credential) and
# the forms that make, time and revoke it on her page and on her coach's
urlpatterns += [
    path("calendar/<str:token>.ics", calendar_views.feed, name="calendar-feed"),
    path("settings/email/", settings.email_change, name="settings-email"),
    path("booklet/calendar-link/", calendar_views.client_feed_create, name="client-feed-create"),
    path("booklet/calendar-link/time/", calendar_views.client_feed_time, name="client-feed-time"),
    path("booklet/calendar-link/revoke/", calendar_views.client_feed_revoke,
         name="client-feed-revoke"),
    path("coach/clients/<int:client_id>/calendar-link/", calendar_views.coach_feed_create,
         name="coach-feed-create"),
    path("coach/clients/<int:client_id>/calendar-link/time/", calendar_views.coach_feed_time,
         name="coach-feed-time"),
    path("coach/clients/<int:client_id>/calendar-link/revoke/", calendar_views.coach_feed_revoke,
         name="coach-feed-revoke"),
]  # fmt: skip

# Exercise pictures (the same for everyone, cached); her history and calendar, on her pages
# and on her coach's
urlpatterns += [
    path("pictures/<slug:exercise_id>/<str:position>.svg", pictures.exercise_picture,
         name="exercise-picture"),
    path("how-to/<slug:exercise_id>/", pictures.client_how_to, name="client-how-to"),
    path("history/", history.client_history, name="client-history"),
    path("history/calendar/", history.client_calendar, name="client-history-calendar"),
    path("coach/clients/<int:client_id>/history/", history.coach_history,
         name="coach-client-history"),
    path("coach/clients/<int:client_id>/history/calendar/", history.coach_calendar,
         name="coach-client-calendar"),
]  # fmt: skip
