"""Packaged data: the exercise catalogue and other tables, each number with its source."""
