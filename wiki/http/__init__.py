"""Request helpers below the domains: error translation (and the 503 while the database is
away), form input, URL converters and request numbers, the unit of work.

Every domain's pages may use them; they import no domain."""
