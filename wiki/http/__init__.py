"""Request helpers below the domains: error translation, form input, the unit of work."""
