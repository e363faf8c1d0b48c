"""Nghị Trường Số — the digital chamber for Vietnam's elected bodies."""
