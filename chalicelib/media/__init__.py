"""Image and PDF work (Pillow, reportlab): imported only by the code paths that need it, so
that the API's cold start does not pay for it."""
