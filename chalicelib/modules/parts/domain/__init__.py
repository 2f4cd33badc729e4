"""The spare-parts area's pure rules."""
