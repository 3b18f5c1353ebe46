"""The only home of speed tricks: fast constructors for frozen dataclasses, bounded memos, and the OCR recognizer's
line pool (``ocrpool``).

Nothing outside this package bypasses a frozen dataclass's ``__init__`` or keeps a memo of its own; each trick here
is kept because ``benchmarks/`` shows it pays (figures in the README).
"""
