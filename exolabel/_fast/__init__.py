"""The only home of speed tricks: fast constructors for frozen dataclasses, bounded memos, the OCR recognizer's
line pool (``ocrpool``), and the class-code memo of the ``exolabel`` command's start-up (``codecache``).

Nothing outside this package bypasses a frozen dataclass's ``__init__`` or keeps a memo of its own; each trick here
is kept because ``benchmarks/`` shows it pays (figures in the README).
"""
