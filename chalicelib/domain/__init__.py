"""Pure rules: no AWS, no HTTP. Plain data and functions, unit-tested without fixtures."""
