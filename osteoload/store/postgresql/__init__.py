"""The PostgreSQL database backend (``ENGINE``): Django's, with a health check that asks the
server only when its socket says something happened (:mod:`osteoload.store.postgresql.base`)."""
