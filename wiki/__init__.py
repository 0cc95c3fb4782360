"""A wiki in which sector committees write, discuss, approve and publish competency standards."""

from wiki.app import create_app

__all__ = ["create_app"]
