"""Public consultations: a dated window in which anyone may comment on one revision of a draft."""
