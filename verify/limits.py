"""What the databases can store: the bounds every input is checked against."""

# The databases' integer columns hold 32 bits (PostgreSQL's integer): larger is no id or count.
MAX_INTEGER = 2**31 - 1


def unstorable(value) -> str | None:
    """Why a loaded value cannot be stored as it is (NUL, lone surrogates, a huge number)."""
    if isinstance(value, str):
        if "\x00" in value:
            return "Must not contain NUL characters."
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return "Must be valid Unicode text (it holds a lone surrogate)."
    elif isinstance(value, bool):
        return None
    elif isinstance(value, int) and abs(value) > MAX_INTEGER:
        return f"Out of range: at most {MAX_INTEGER}."
    elif isinstance(value, dict):
        return next(filter(None, map(unstorable, [*value.keys(), *value.values()])), None)
    elif isinstance(value, list | tuple | set):
        return next(filter(None, map(unstorable, value)), None)
    return None
