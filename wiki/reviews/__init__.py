"""The review cycle: editions past their review period, listed and notified."""
