"""Request helpers below the domains: error translation, form input, the unit of work.

Every domain's pages may use them; they import no domain."""
