"""Photo input: read the ingredient list from a photo of a label.

``image`` opens a photo safely (format by content, size and pixel limits, truncated or corrupt files refused);
``engine`` runs the OCR engine of the ``ocr`` extra (loaded once, reused for every photo); ``layout`` puts the
text lines it finds in reading order (skew, blocks, two columns); ``section`` finds the ingredient section and
keeps each word's confidence; ``read`` ties them together. Nothing here scans: the text goes through the same
tokenizer and scanner as typed text.
"""
