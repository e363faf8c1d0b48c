"""Public consultations on drafts (issue 5 §7), split by concern: the state machine, feedback, draft files, pages and API."""
