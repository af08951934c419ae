"""Analysts sharing one team library: join, sync in every order, merge, conflicts, leave."""

from __future__ import annotations

import itertools

import pytest

from briefing.core import InvalidInput, Kind, Span
from tests.conftest import SAMPLE, wikinews_files
from tests.core.team.conftest import records


def joined(analyst, team, *names):
    url, name = team
    libraries = [analyst(n) for n in names]
    for library in libraries:
        library.team.join(url, name)
    return libraries


def claim_by_uid(library, uid):
    (claim_id,) = [c.id for c in library.claims.list() if c.uid == uid]
    return library.claims.get(claim_id)


def test_a_second_analyst_gets_everything_the_first_shared(analyst, team):
    a = analyst("A. Analyst")
    a.load_sample()
    report = a.team.join(*team)
    assert report.pushed == sum(len(v) for v in records(a).values()) > 30
    b = analyst("B. Analyst")
    report = b.team.join(*team)
    assert (report.pulled, report.pushed) == (sum(len(v) for v in records(a).values()), 0)
    assert records(b) == records(a)
    assert b.db["claims"].count == 6 and b.db["actors"].count == 11
    # Nothing pulled is pushed back, nothing waits, a sync with nothing to do does nothing.
    assert b.team.status(online=False).local_changes == 0
    assert (b.team.sync().pushed, b.team.sync().pulled, a.team.sync().pulled) == (0, 0, 0)


def test_changes_to_different_fields_of_one_claim_merge(analyst, team):
    a = analyst("A. Analyst")
    a.load_sample()
    a.team.join(*team)
    b = analyst("B. Analyst")
    b.team.join(*team)
    uid = a.claims.list()[0].uid
    a.claims.edit(claim_by_uid(a, uid).id, grade=2)
    b.claims.edit(claim_by_uid(b, uid).id, note="Checked against the filing.", add_tags=["checked"])
    a.team.sync()
    b.team.sync()
    a.team.sync()
    for library in (a, b):
        claim = claim_by_uid(library, uid)
        assert (claim.grade, claim.note) == (2, "Checked against the filing.")
        assert "checked" in claim.tags
    assert records(a) == records(b)
    assert a.team.conflicts() == [] and b.team.conflicts() == []


def test_a_conflict_on_a_grade_keeps_the_teams_and_is_settled_either_way(analyst, team):
    a = analyst("A. Analyst")
    a.load_sample()
    a.team.join(*team)
    b = analyst("B. Analyst")
    b.team.join(*team)
    uid = a.claims.list()[0].uid
    a.claims.edit(claim_by_uid(a, uid).id, grade=2)
    b.claims.edit(claim_by_uid(b, uid).id, grade=5)
    a.team.sync()
    report = b.team.sync()
    assert report.conflicts == 1
    assert claim_by_uid(b, uid).grade == 2  # the team's value
    (conflict,) = b.team.conflicts()
    assert (conflict.kind, conflict.field, conflict.mine, conflict.theirs) == (
        Kind.CLAIM,
        "grade",
        5,
        2,
    )
    assert conflict.theirs_by == "A. Analyst"
    assert conflict.record_id == claim_by_uid(b, uid).id
    assert a.team.conflicts() == []  # the one who synced first saw no conflict
    b.team.resolve(conflict.id, "mine")
    assert claim_by_uid(b, uid).grade == 5 and b.team.conflicts() == []
    b.team.sync()
    a.team.sync()
    assert claim_by_uid(a, uid).grade == 5
    assert records(a) == records(b)
    with pytest.raises(InvalidInput):
        b.team.resolve(conflict.id, "both")


def test_keeping_theirs_leaves_the_teams_value(analyst, team):
    a, b = joined(analyst, team, "A. Analyst", "B. Analyst")
    (result,) = a.imports.files([SAMPLE])
    a.team.sync()
    b.team.sync()
    uid = a.articles.get(result.id).uid
    b_id = [s.id for s in b.articles.list() if s.uid == uid][0]
    a.articles.edit(result.id, outlet="The Star")
    b.articles.edit(b_id, outlet="SCMP")
    a.team.sync()
    b.team.sync()
    (conflict,) = b.team.conflicts()
    assert (conflict.field, conflict.mine, conflict.theirs) == ("outlet", "SCMP", "The Star")
    b.team.resolve(conflict.id, "theirs")
    b.team.sync()
    a.team.sync()
    assert a.articles.get(result.id).outlet == b.articles.get(b_id).outlet == "The Star"


def test_the_same_article_imported_by_two_analysts_is_one_article(analyst, team):
    a = analyst("A. Analyst")
    b = analyst("B. Analyst")
    a.imports.files([SAMPLE])
    b.imports.files([SAMPLE, *wikinews_files(3)])
    a.team.join(*team)
    b.team.join(*team)
    a.team.sync()
    assert a.articles.count() == b.articles.count() == 4
    assert records(a) == records(b)
    assert len({s.uid for s in b.articles.list()}) == 4
    # The same story imported later, by both, apart: one article still.
    a.imports.files([wikinews_files(10)[5]])
    b.imports.files([wikinews_files(10)[5]])
    a.team.sync()
    b.team.sync()
    a.team.sync()
    assert a.articles.count() == b.articles.count() == 5
    assert records(a) == records(b)


def test_an_actor_merged_on_one_side_while_the_other_adds_mentions(analyst, team):
    a = analyst("A. Analyst")
    a.load_sample()
    a.team.join(*team)
    b = analyst("B. Analyst")
    b.team.join(*team)
    china_a = a.actors.resolve("China")
    beijing_a = a.actors.add("Beijing government", kind="government body")
    a.team.sync()
    b.team.sync()
    beijing_b = b.actors.resolve("Beijing government")
    # B marks mentions of the new actor while A merges it into China.
    article_b = b.articles.list()[0].id
    text = b.articles.get(article_b).text
    start = text.index("Beijing")
    mention = b.mentions.add(article_b, beijing_b.id, Span(start, start + len("Beijing"))).id
    a.actors.merge(china_a.id, beijing_a.id)
    a.team.sync()
    b.team.sync()
    a.team.sync()
    china_b = b.actors.resolve("China")
    assert "Beijing government" not in [x.actor.name for x in b.actors.list()]
    assert b.mentions.get(mention).actor.id == china_b.id  # re-pointed, not lost
    assert "Beijing government" in [alias.text for alias in china_b.aliases]
    assert records(a) == records(b)
    assert any(m.actor.id == china_a.id for m in a.mentions.list(actor=china_a.id))
    assert len(a.mentions.list(actor=china_a.id)) == len(b.mentions.list(actor=china_b.id))


def test_a_tag_merged_on_one_side_while_the_other_tags_with_it(analyst, team):
    """The team's merge reaches B as a local merge would: what B tagged with the old tag,
    before and after its last sync, ends up tagged with the one kept."""
    a = analyst("A. Analyst")
    a.load_sample()
    article_a = a.articles.list()[0].id
    a.tags.tag_article(article_a, ["geo", "geopolitics"])
    a.team.join(*team)
    b = analyst("B. Analyst")
    b.team.join(*team)
    article_b = b.articles.list()[0].id
    claim_b = b.claims.list()[0].id
    b.tags.tag_annotation(claim_b, ["geo"])
    a.tags.merge(["geo"], "geopolitics")
    a.team.sync()
    b.team.sync()
    a.team.sync()
    assert "geo" not in [t.name for t in b.tags.list()]
    tagged = b.tags.of_article(article_b)
    assert "geopolitics" in tagged and "geo" not in tagged
    assert "geopolitics" in b.claims.get(claim_b).tags and "geo" not in b.claims.get(claim_b).tags
    assert records(a) == records(b)


def test_three_analysts_editing_offline_and_syncing_in_every_order(analyst, team):
    url, name = team
    first = analyst("Analyst 0")
    first.load_sample()
    first.team.join(url, name)
    others = [analyst(f"Analyst {i}") for i in (1, 2)]
    for library in others:
        library.team.join(url, name)
    everyone = [first, *others]
    uid = first.claims.list()[0].uid
    for round_, order in enumerate(itertools.permutations(range(3))):
        # Each edits something of their own offline, and all three the same claim's note.
        for i, library in enumerate(everyone):
            claim = claim_by_uid(library, uid)
            library.claims.edit(claim.id, add_tags=[f"r{round_}-by-{i}"])
            library.sources.add(title=f"Source {round_}.{i}", kind="document")
        for i in order:
            everyone[i].team.sync()
        for i in order:
            everyone[i].team.sync()
        assert records(everyone[0]) == records(everyone[1]) == records(everyone[2])
        tags = claim_by_uid(everyone[0], uid).tags
        assert {f"r{round_}-by-{i}" for i in range(3)} <= set(tags)
    assert len(everyone[2].sources.list()) == 4 + 6 * 3
    assert all(not library.team.conflicts() for library in everyone)


def test_a_library_that_leaves_and_rejoins_sends_what_it_did_away(analyst, team):
    a = analyst("A. Analyst")
    a.load_sample()
    a.team.join(*team)
    b = analyst("B. Analyst")
    b.team.join(*team)
    b.team.leave()
    assert b.team.link() is None and b.team.status().joined is False
    with pytest.raises(InvalidInput):
        b.team.sync()
    # Away, B edits and deletes; it keeps everything it had.
    claims = b.claims.list()
    b.claims.edit(claims[0].id, grade=1)
    b.claims.delete(claims[1].id)
    gone_uid = claims[1].uid
    a.claims.edit(claim_by_uid(a, claims[2].uid).id, status="retracted")
    a.team.sync()
    b.team.join(*team)
    a.team.sync()
    assert claim_by_uid(a, claims[0].uid).grade == 1
    assert gone_uid not in [c.uid for c in a.claims.list()]
    assert claim_by_uid(b, claims[2].uid).status == "retracted"
    assert records(a) == records(b)


def test_an_edit_against_a_deletion_keeps_the_edit_and_says_so(analyst, team):
    a = analyst("A. Analyst")
    a.load_sample()
    a.team.join(*team)
    b = analyst("B. Analyst")
    b.team.join(*team)
    uid = a.claims.list()[0].uid
    a.claims.delete(claim_by_uid(a, uid).id)
    b.claims.edit(claim_by_uid(b, uid).id, note="Still matters.")
    a.team.sync()
    report = b.team.sync()
    assert report.kept and "kept" in report.kept[0]
    (conflict,) = b.team.conflicts()
    assert (conflict.field, conflict.mine, conflict.theirs) == ("deleted", False, True)
    a.team.sync()
    assert claim_by_uid(a, uid).note == "Still matters."  # back in A's library too
    assert records(a) == records(b)
    # Keeping theirs deletes it after all, everywhere.
    b.team.resolve(conflict.id, "theirs")
    b.team.sync()
    a.team.sync()
    assert uid not in {c.uid for c in a.claims.list()} | {c.uid for c in b.claims.list()}


def test_a_deletion_against_an_edit_keeps_the_edit(analyst, team):
    a = analyst("A. Analyst")
    a.load_sample()
    a.team.join(*team)
    b = analyst("B. Analyst")
    b.team.join(*team)
    uid = a.claims.list()[0].uid
    a.claims.edit(claim_by_uid(a, uid).id, grade=1)
    b.claims.delete(claim_by_uid(b, uid).id)
    a.team.sync()
    b.team.sync()
    assert claim_by_uid(b, uid).grade == 1
    (conflict,) = b.team.conflicts()
    assert (conflict.field, conflict.mine, conflict.theirs) == ("deleted", True, False)
    a.team.sync()
    assert records(a) == records(b)


def test_deletions_reach_everyone(analyst, team):
    a = analyst("A. Analyst")
    a.load_sample()
    a.team.join(*team)
    b = analyst("B. Analyst")
    b.team.join(*team)
    article = a.articles.list()[0]
    a.articles.delete([article.id])
    a.team.sync()
    b.team.sync()
    assert b.articles.count() == 0 and b.db["claims"].count == 0
    assert records(a) == records(b)


def test_briefings_are_private_until_shared_and_stay_with_others_when_withdrawn(analyst, team):
    a = analyst("A. Analyst")
    a.load_sample()
    a.team.join(*team)
    b = analyst("B. Analyst")
    b.team.join(*team)
    brief = a.briefings.new("SenseTime", bluf="Postponed.")
    a.briefings.add_claims(brief, [c.id for c in a.claims.list()[:2]], section="Designation")
    assert a.team.sync().pushed == 0  # private
    assert b.team.sync().pulled == 0 and b.briefings.list() == []
    a.briefings.share(brief)
    a.team.sync()
    b.team.sync()
    (copy,) = b.briefings.list()
    shown = b.briefings.get(copy.id)
    assert shown.shared and shown.bluf == "Postponed."
    assert [i.claim_id for i in shown.items] == [
        claim_by_uid(b, c.uid).id for c in a.claims.list()[:2]
    ]
    b.briefings.edit(copy.id, bluf="Postponed, then listed.")
    b.team.sync()
    a.team.sync()
    assert a.briefings.get(brief).bluf == "Postponed, then listed."
    a.briefings.share(brief, False)
    a.team.sync()
    b.team.sync()
    assert b.briefings.get(copy.id).shared is False  # B keeps a private copy
    assert a.briefings.get(brief).shared is False


def test_who_made_and_changed_each_record(analyst, team):
    a = analyst("A. Analyst")
    a.load_sample()
    a.team.join(*team)
    b = analyst("B. Analyst")
    b.team.join(*team)
    claim = a.claims.list()[0]
    assert a.provenance.get("claim", claim.id).created_by == "A. Analyst"
    b_claim = claim_by_uid(b, claim.uid)
    b.claims.edit(b_claim.id, grade=4)
    mine = b.provenance.get("claim", b_claim.id)
    assert (mine.created_by, mine.changed_by) == ("A. Analyst", "B. Analyst")
    b.team.sync()
    a.team.sync()
    theirs = a.provenance.get("claim", claim.id)
    assert (theirs.created_by, theirs.changed_by) == ("A. Analyst", "B. Analyst")
    assert theirs.changed_at == mine.changed_at


def test_a_team_library_of_the_first_schema_is_brought_up_to_date(analyst, team, postgres):
    url, name = team
    a = analyst("A. Analyst")
    a.load_sample()
    a.team.join(url, name)
    with postgres.admin() as admin:  # as the first team schema left it
        admin.execute(f"ALTER TABLE {name}.records ALTER COLUMN data SET COMPRESSION pglz")
        admin.execute(f"UPDATE {name}.meta SET value = '1' WHERE key = 'schema_version'")
    claim = a.claims.list()[0]
    a.claims.edit(claim.id, grade=4)
    assert a.team.sync().pushed == 1
    with postgres.admin() as admin:
        version = admin.execute(
            f"SELECT value FROM {name}.meta WHERE key = 'schema_version'"
        ).fetchone()[0]
        compression = admin.execute(
            "SELECT attcompression FROM pg_attribute WHERE attname = 'data' "
            "AND attrelid = %s::regclass",
            (f"{name}.records",),
        ).fetchone()[0]
    assert version == "2" and compression == "l"  # lz4, as this server has it
