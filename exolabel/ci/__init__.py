"""The brand's CI gate: label-file discovery and checking (``check``), baselines, finding locations, label diffs."""
