"""Our XSS corpus (``xss_payloads.txt``) through every place the wiki shows what people wrote,
rendered in Chromium: no payload runs, and none reaches the page in a form that could.

The world is written through the real operations, each field filled with as many payloads as
its limit allows (a long field holds them all; a short one, such as a title or a display name,
is repeated over as many records as it takes). Each page is then opened in Chromium with the
Content-Security-Policy bypassed, so the sanitizer and the templates' escaping are what is
tested, not the CSP behind them. A payload that runs calls ``__xss(n)`` or ``alert(n)``; both are
recorded. After the page has loaded and settled, its DOM is searched for what would run on a
click or a hover (``on*`` attributes, ``javascript:`` and ``data:text/html`` addresses, frames,
objects, foreign scripts) and its text for evaluated template expressions.
"""

from collections import Counter
from pathlib import Path

import pytest

from tests.ballot_factories import actor, approved
from tests.factories import PASSWORD, seat, seats
from tests.standard_factories import SPANISH_BODY, create_standard, save
from wiki.ballots import operations as ballots
from wiki.comments import operations as comments
from wiki.committees import operations as committees
from wiki.extensions import db
from wiki.publication.operations import publish_edition, withdraw_edition
from wiki.publication.request_operations import request_publication
from wiki.roles import Role, StakeholderGroup
from wiki.standards import operations as standards

CORPUS = Path(__file__).with_name("xss_payloads.txt")
#: what ``{{ 123456*3 }}`` and ``{% for %}77{% endfor %}`` print if a template evaluates them
EVALUATED = ("370368", "777777")

#: runs in every frame before the page's scripts: records calls of __xss and of the dialogs
RECORDER = """
window.__xss_fired = [];
window.__xss = (n) => window.__xss_fired.push(String(n));
window.alert = window.confirm = window.prompt = (n) => window.__xss_fired.push('alert ' + n);
"""

#: what in the DOM would run code on a click, a hover or a load
RUNNABLE = r"""
() => {
  const found = [];
  // attributes holding an address, read as the browser resolves them (it drops tabs and line
  // breaks anywhere, and spaces and controls around the address)
  const addresses = ['href', 'src', 'action', 'data', 'xlink:href', 'poster', 'background',
                     'ping', 'cite', 'longdesc', 'lowsrc', 'dynsrc', 'codebase'];
  const runs = (value) => {
    let url;
    try { url = new URL(value, document.baseURI); } catch (error) { return false; }
    return ['javascript:', 'vbscript:', 'livescript:'].includes(url.protocol)
      || (url.protocol === 'data:' && !/^data:image\/(png|gif|jpeg|webp)[;,]/i.test(url.href));
  };
  for (const el of document.querySelectorAll('*')) {
    const tag = el.tagName.toLowerCase();
    if (tag === 'script') {
      const src = el.getAttribute('src') || '';
      if (!src.startsWith('/static/') || el.textContent.trim()) found.push('script ' + src);
    }
    if (['iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'portal',
         'handler', 'animate', 'set'].includes(tag)) found.push(tag);
    if (tag === 'meta' && (el.getAttribute('http-equiv') || '').toLowerCase() === 'refresh') {
      found.push('meta refresh');
    }
    for (const attribute of el.attributes) {
      const name = attribute.name.toLowerCase();
      const value = attribute.value.toLowerCase();
      if (name.startsWith('on') || name === 'srcdoc' || name === 'formaction') {
        found.push(tag + ' ' + name);
      } else if (addresses.includes(name) && runs(attribute.value)) {
        found.push(tag + ' ' + name + '=' + value.slice(0, 40));
      } else if (name === 'style' && /expression|javascript:|behavior|binding|url\(/.test(value)) {
        found.push(tag + ' style=' + value.slice(0, 40));
      }
    }
  }
  return found;
}
"""


def load_payloads() -> list[str]:
    lines = [
        line for line in CORPUS.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    return [line.replace("§", str(n)).replace("⏎", "\n") for n, line in enumerate(lines, 1)]


def batches(payloads: list[str], limit: int, joiner: str = " ") -> list[list[str]]:
    """The payloads in as few groups as fit in texts of at most ``limit`` characters (a
    payload longer than the limit, or holding a line break where ``joiner`` has none, is left
    out: that field cannot hold it)."""
    groups, current = [], []
    for payload in payloads:
        if len(payload) > limit or ("\n" in payload and "\n" not in joiner):
            continue
        if current and len(joiner.join([*current, payload])) > limit:
            groups.append(current)
            current = []
        current.append(payload)
    return [*groups, current] if current else groups


def body_with(payloads: list[str]) -> str:
    """The standard's Markdown with the payloads as paragraphs, criteria and glossary entries."""
    paragraphs, criteria, glossary = [], [], []
    for n, payload in enumerate(payloads):
        if "\n" in payload or n % 3 == 0:
            paragraphs.append(payload)
        elif n % 3 == 1:
            criteria.append(f"{len(criteria) + 3}. {payload}")
        else:
            glossary.append(f"{len(glossary) + 2}. **Término {n}**: {payload}")
    body = SPANISH_BODY.replace(
        "servicio de alimentos y bebidas.\n",
        "servicio de alimentos y bebidas.\n\n" + "\n\n".join(paragraphs) + "\n",
    )
    body = body.replace(
        "   - Ofrece la carta del día.\n", "   - Ofrece la carta del día.\n" + "\n".join(criteria)
        + "\n",
    )
    return body.replace(
        "registro escrito de la orden del comensal.\n",
        "registro escrito de la orden del comensal.\n" + "\n".join(glossary) + "\n",
    )


class Placed(Counter):
    """How many payloads each sink received."""

    def put(self, sink: str, groups: list[list[str]], joiner: str = " ") -> list[str]:
        """The groups as texts, counted for ``sink``."""
        self[sink] += sum(len(group) for group in groups)
        return [joiner.join(group) for group in groups]


@pytest.fixture(scope="module")
def world(live_app):
    payloads = load_payloads()
    placed = Placed()
    with live_app.app_context():
        s = seats(public=True, name="Comité de Hospitalidad", slug="hospitalidad")
        placed["standard text"] = len(payloads)
        body = body_with(payloads)
        # the main standard's title, shown in lists, notifications and the registry
        first_title, *titles = placed.put("titles", batches(payloads, 300))
        standard = create_standard(s.union, s.committee, title=first_title, body=body)
        standard, _ = approved(s, standard)
        [note] = placed.put("publication request note", batches(payloads, 2000)[:1])
        request_publication(actor(s.chair), standard.id, note)
        [body_name] = placed.put("official act", batches(payloads, 200)[:1])
        edition = publish_edition(actor(s.admin), standard.id, approving_body=body_name)
        db.session.refresh(standard)
        save(s.union, standard, body_with(payloads[::-1]), summary="Reordena")
        for n, summary in enumerate(placed.put("revision summaries", batches(payloads, 300))):
            db.session.refresh(standard)
            save(s.union, standard, standard.head_revision.body_markdown + f"\nCambio {n}.\n",
                 summary=summary)
        long_groups = batches(payloads, 5000, "\n")
        standards.update_metadata(
            actor(s.union), standard.id,
            **dict(zip(("occupations", "organisations"),
                       placed.put("metadata", long_groups[:2], "\n"), strict=False)),
        )
        for title in titles:
            create_standard(s.education, s.committee, title=title)
        # a mention names a member: seat one by each name the corpus mentions
        for payload in payloads:
            if payload.startswith("@[") and payload.endswith("]"):
                seat(s.committee, Role.MEMBER, StakeholderGroup.UNION, display_name=payload[2:-1])
        db.session.refresh(standard)
        thread = comments.start_thread(
            actor(s.union), standard.id, revision_number=standard.head_revision.number,
            part_id=None, body=placed.put("comments", [payloads], "\n\n")[0],
        )
        comments.reply(actor(s.education), thread.id, placed.put("replies", [payloads], "\n\n")[0])
        decided = []
        reasons = placed.put("disposition reasons", batches(payloads, 2000, "\n"), "\n")
        for reason in reasons:
            other = comments.start_thread(
                actor(s.government), standard.id, revision_number=1, part_id=None,
                body="Propongo precisar el tiempo de espera.",
            )
            comments.record_disposition(actor(s.chair), other.id, "rejected", reason)
            decided.append(other.id)
        ballot = ballots.open_ballot(actor(s.chair), standard.id, template_text_accepted=True)
        objections = placed.put("ballot objections", long_groups[: len(s.voters)], "\n")
        for voter, reason in zip(s.voters, objections, strict=False):
            ballots.cast_position(actor(voter), ballot.id, "object", reason)
        for name in placed.put("display names", batches(payloads, 100)):
            seat(s.committee, Role.OBSERVER, StakeholderGroup.EDUCATION, display_name=name)
        descriptions = placed.put("committee descriptions", long_groups, "\n")
        for n, name in enumerate(placed.put("committee names", batches(payloads, 200))):
            committees.create_committee(
                actor(s.admin), name=name, slug=f"comite-xss-{n}",
                description=descriptions[n] if n < len(descriptions) else "",
            )
        withdrawn, _ = approved(s, create_standard(s.union, s.committee, title="Bebidas"))
        request_publication(actor(s.chair), withdrawn.id, "")
        old = publish_edition(actor(s.admin), withdrawn.id)
        [why] = placed.put("withdrawal reason", batches(payloads, 2000)[:1])
        withdraw_edition(actor(s.admin), old.id, why)
        db.session.commit()
        return {
            "payloads": payloads,
            "placed": placed,
            "chair": s.chair.email,
            "admin": s.admin.email,
            "standard": standard.id,
            "code": edition.code,
            "withdrawn": old.code,
            "ballot": ballot.id,
            "thread": thread.id,
            "decided": decided,
            "slug": s.committee.slug,
            "union": s.union.id,
        }


def pages(world) -> dict[str, list[str]]:
    """The pages to open, by who opens them."""
    sid, slug = world["standard"], world["slug"]
    return {
        "chair": [
            "/", f"/standards/{sid}", f"/standards/{sid}/revisions/1",
            f"/standards/{sid}/history", f"/standards/{sid}/diff?from=1&to=2",
            f"/standards/{sid}/diff?from=1&to=2&view=side", f"/standards/{sid}/edit",
            f"/standards/{sid}/metadata", f"/standards/{sid}/ballots",
            f"/ballots/{world['ballot']}", f"/threads/{world['thread']}",
            *[f"/threads/{t}" for t in world["decided"]],
            f"/standards/{sid}/dispositions", f"/standards/{sid}/activity",
            "/committees", f"/committees/{slug}", f"/committees/{slug}/members",
            f"/committees/{slug}/audit", "/notifications", "/my-work",
            "/search?q=xss", "/search?q=onerror", "/search?q=script+img", "/search?q=Término",
            f"/users/{world['union']}",
        ],
        "admin": [
            "/admin/audit", "/admin/users", "/publication/requests?status=published",
            "/registry?status=all", f"/ec/{world['withdrawn']}",
        ],
        "anonymous": [f"/ec/{world['code']}", f"/ec/{world['code']}.json", "/search?q=xss"],
    }


def log_in(page, live_server, email):
    page.goto(f"{live_server}/login")
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(f"{live_server}/")


def test_no_payload_runs_on_any_page(browser, live_server, world, record_property):
    fired, runnable, evaluated, opened, silent = [], [], [], 0, []
    dialogs = []
    for who, urls in pages(world).items():
        context = browser.new_context(bypass_csp=True, locale="es-MX")
        context.add_init_script(RECORDER)
        page = context.new_page()
        page.set_default_timeout(20_000)
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        if who != "anonymous":
            log_in(page, live_server, world[who])
        for url in urls:
            response = page.goto(f"{live_server}{url}")
            assert response.status == 200, f"{url} as {who}: {response.status}"
            page.wait_for_timeout(300)  # image errors, animations and transitions
            opened += 1
            for frame in page.frames:
                try:
                    fired += [f"{url}: {n}" for n in frame.evaluate("window.__xss_fired || []")]
                except Exception:
                    continue
            runnable += [f"{url}: {what}" for what in page.evaluate(RUNNABLE)]
            text = page.content()
            evaluated += [f"{url}: {mark}" for mark in EVALUATED if mark in text]
            if "xss(" not in text:
                silent.append(url)
        context.close()
    fired += [f"dialog {message}" for message in dialogs]
    placed = world["placed"]
    record_property(
        "figure",
        f"{len(world['payloads'])} payloads, {sum(placed.values())} placed in {len(placed)} "
        f"sinks, {opened} pages opened in Chromium; {len(fired)} executed, {len(runnable)} "
        f"runnable left in the DOM, {len(evaluated)} template expressions evaluated",
    )
    assert len(world["payloads"]) >= 150
    assert silent == [], f"pages that showed no payload, so proved nothing: {silent}"
    assert fired == []
    assert runnable == []
    assert evaluated == []


def test_the_corpus_runs_where_nothing_sanitizes_it(browser, record_property):
    """The corpus and the detectors are alive: the payloads put raw into a page run, or are
    found runnable, in numbers; so zero above is the wiki's doing."""
    payloads = load_payloads()
    context = browser.new_context(bypass_csp=True)
    context.add_init_script(RECORDER)
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    raw = "<!doctype html><title>x</title>" + "\n".join(f"<div>{p}</div>" for p in payloads)
    page.route("http://unsanitized.test/", lambda route: route.fulfill(
        body=raw, content_type="text/html"
    ))
    page.goto("http://unsanitized.test/")
    page.wait_for_timeout(1000)
    ran = set(page.evaluate("window.__xss_fired")) | set(dialogs)
    runnable = page.evaluate(RUNNABLE)
    context.close()
    record_property(
        "figure", f"unsanitized: {len(ran)} payloads ran, {len(runnable)} runnable in the DOM"
    )
    assert len(ran) >= 30
    assert len(runnable) >= 100
