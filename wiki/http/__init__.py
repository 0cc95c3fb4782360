"""Request helpers at the bottom of the layers: turning domain errors into responses, reading form
input. Every domain's pages may use them; they import no domain."""
