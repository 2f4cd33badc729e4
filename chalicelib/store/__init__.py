"""PynamoDB models and the repository functions: the only code that knows keys and indexes."""
