"""What the store tells its callers, in domain words (no PynamoDB types leak out)."""


class VersionConflict(Exception):
    """The item changed since it was read (optimistic lock failed)."""


class AlreadyExists(Exception):
    """A conditional create found the key taken."""


class TooManyItems(Exception):
    """A transaction would hold more items than DynamoDB takes in one (nothing was written)."""
