"""The one exception type for problems the user can cause or fix."""


class GeomapError(Exception):
    """An error the user can cause or fix; the CLI prints it as one line."""
