"""Chalice blueprints, one per resource; thin: auth, parse, call a service, shape the reply."""
