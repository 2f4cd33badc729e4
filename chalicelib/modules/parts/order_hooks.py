"""The parts' part of a work order's lifecycle (H2 builds it): placeholder registration."""


def register() -> None:
    """Register the order hooks of the parts area."""
