"""Scheduled and event handlers: thin, like the API."""
