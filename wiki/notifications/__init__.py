"""Watchlists, in-app notifications, their optional email delivery, and the "my work" page."""
