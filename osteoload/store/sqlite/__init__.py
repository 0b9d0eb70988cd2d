"""The SQLite database backend (``ENGINE``): Django's, with writers queued on a lock file
(:mod:`.base`)."""
