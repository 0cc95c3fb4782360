"""A worker process for the search tests: saves revisions through the app, committing each.

Run as ``python -m tests.search.save_worker '<json>'`` with ``url``, ``instance``, ``user_id``,
``standard_ids``, ``saves``, and optionally ``die_while_indexing`` (the process then exits
abruptly inside the drain that follows its first commit, as a killed worker would).
"""

import json
import os
import sys

from sqlalchemy import select


def main(argument: str) -> int:
    from wiki import create_app
    from wiki.accounts.models import User
    from wiki.committees.actors import actor_for_user
    from wiki.extensions import db
    from wiki.standards.models import Revision, Standard
    from wiki.standards.operations import save_revision

    options = json.loads(argument)
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": options["url"],
            "SECRET_KEY": "worker",
            "INSTANCE_PATH": options["instance"],
            "PASSWORD_HASH_PROFILE": "CHEAPEST",
            # As in a server: segments merged and busy drains retried by background threads.
            "SEARCH_BACKGROUND_WORK": True,
        }
    )
    with app.app_context():
        if options.get("die_while_indexing"):
            app.extensions["search"].index_loaded = lambda *args, **kwargs: os._exit(3)
        actor = actor_for_user(db.session.get(User, options["user_id"]))
        saved = 0
        for n in range(options["saves"]):
            for standard_id in options["standard_ids"]:
                standard = db.session.get(Standard, standard_id)
                head = db.session.execute(
                    select(Revision).where(Revision.id == standard.head_revision_id)
                ).scalar_one()
                marker = options.get("marker", "marca")
                line = f"Revisión {marker}{os.getpid()}x{n}.\n\n## Descripción"
                body = head.body_markdown.replace("## Descripción", line, 1)
                save_revision(
                    actor, standard_id, base_number=head.number, title=head.title, body=body
                )
                db.session.commit()
                saved += 1
        print(json.dumps({"saved": saved}))
        db.session.remove()
        # A drain that found the index busy is retried by a thread of this process; let it
        # finish before the pool is closed, or a connection it returned is left open at exit.
        retry = app.extensions.get("search_retry")
        if retry is not None:
            retry.wait(60)
        app.extensions["search"].wait_for_merges(60)
        db.engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
