"""Output formats: one pure ``render(...) -> str`` per format. Only these and the CLI produce terminal text."""

FORMATS = ("text", "json")
