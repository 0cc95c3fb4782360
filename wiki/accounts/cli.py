"""``flask users …``: account administration from the command line."""

import click
from flask.cli import with_appcontext

from wiki.accounts import operations, two_factor
from wiki.accounts.queries import find_user_by_email
from wiki.errors import DomainError
from wiki.extensions import db
from wiki.roles import StakeholderGroup


@click.group("users", help="Manage accounts.")
def users_cli():
    pass


@users_cli.command("create")
@click.argument("email")
@click.option("--name", "display_name", required=True, help="Name shown to others.")
@click.option(
    "--group",
    type=click.Choice([g.value for g in StakeholderGroup]),
    default=StakeholderGroup.AGENCY.value,
    show_default=True,
    help="Stakeholder group the person belongs to.",
)
@click.option("--admin", is_flag=True, help="Give agency administrator rights.")
@click.option("--locale", type=click.Choice(["es", "en"]), default="es", show_default=True)
@click.password_option(help="Password (asked for when not given).")
@with_appcontext
def create_user_command(email, display_name, group, admin, locale, password):
    """Create an account with a password."""
    try:
        user = operations.create_user(
            email=email,
            display_name=display_name,
            stakeholder_group=StakeholderGroup(group),
            password=password,
            is_admin=admin,
            locale=locale,
        )
    except DomainError as error:
        db.session.rollback()
        raise click.ClickException(error.message % error.details) from error
    db.session.commit()
    click.echo(f"Created {'administrator' if admin else 'user'} {user.email} (id {user.id}).")


@users_cli.command("reset-two-factor")
@click.argument("email")
@with_appcontext
def reset_two_factor_command(email):
    """Turn off someone's two-step verification (they lost their phone and recovery codes)."""
    user = find_user_by_email(email)
    if user is None:
        raise click.ClickException(f"No account has the email {email}.")
    try:
        two_factor.reset_two_factor(user)
    except DomainError as error:
        db.session.rollback()
        raise click.ClickException(error.message % error.details) from error
    db.session.commit()
    click.echo(f"Two-step verification is off for {user.email}; they can set it up again.")
