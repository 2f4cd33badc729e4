"""The parts' scheduled jobs (H1 builds them): placeholders until then."""


def nightly(event, context) -> dict:
    return {}


def monthly(event, context) -> dict:
    return {}
