"""Use cases: load → apply a domain rule → save atomically → record the event → notify."""
