"""Corrections in the review screen, by their real keys: E edits a claim, X dismisses or
restores it, A adds one the extractor missed; each is checked in the database and the
audit log, refused when stale, and undone by z."""

from __future__ import annotations

import pytest
from textual.widgets import Input, RadioSet, TextArea

from tests.conftest import FakeClaim, add_fake_story
from tests.ui.conftest import press, running
from tracker import store as st
from tracker.ui.screens.corrections import AddClaimScreen, EditClaimScreen, parse_span
from tracker.vocab import AttributionKind, ClaimState, ClaimStatus, SourceKind

BODY = (
    "The water utility said the pipes were replaced in 2019. "
    "A person familiar with the operator's plans said prices would rise. "
    "Residents have complained for years. "
    "The mayor promised a full inquiry into the outage."
)


def span_of(text: str) -> tuple[int, int]:
    start = BODY.index(text)
    return start, start + len(text)


@pytest.fixture
def story_store(store: st.Store) -> st.Store:
    """One story whose claims carry real spans of its text (the extractor's mistakes in it)."""
    pipes = "the pipes were replaced in 2019"
    prices = "prices would rise"
    add_fake_story(
        store,
        [
            FakeClaim(
                pipes,
                source="The water utility",
                source_kind=SourceKind.NAMED,  # wrong: an organisation
                content_span=span_of(pipes),
                source_span=span_of("The water utility"),
            ),
            FakeClaim(
                prices,
                source="A person familiar with the operator's",  # cut short
                source_key=1,
                content_span=span_of(prices),
            ),
            FakeClaim("that", source="Residents", source_key=2, content_span=(0, 4)),
        ],
        title="Water prices",
        outlet="Courier",
        body=BODY,
    )
    return store


def events(store: st.Store, claim_id: int) -> list[st.AuditEntry]:
    return st.history(store, claim_id=claim_id)


def status_line(app) -> str:
    return str(app.screen.query_one("#correction-status").render())


async def clear_and_type(pilot, app, text: str) -> None:
    """Empty the focused input with its own keys, then type ``text``."""
    field = app.focused
    assert isinstance(field, Input)
    await press(pilot, app, "end", *["backspace"] * len(field.value))
    await press(pilot, app, *[("space" if c == " " else c) for c in text])


def test_parse_span() -> None:
    assert parse_span("10:20", 100) == (10, 20)
    assert parse_span(" 10 : 20 ") == (10, 20)
    assert "START:END" in str(parse_span("10-20"))
    assert "empty" in str(parse_span("20:20"))
    assert "ends after the story" in str(parse_span("10:200", 100))


async def test_edit_corrects_source_and_kind_with_audit(story_store: st.Store) -> None:
    async with running(story_store) as (pilot, app, screen):
        await press(pilot, app, "j", "E")  # claim 2: the cut-short source
        assert isinstance(app.screen, EditClaimScreen)
        await clear_and_type(pilot, app, "A person familiar with the operator's plans")
        await press(pilot, app, "tab")  # the source kind: anonymous stays
        await press(pilot, app, "tab")  # the attribution kind
        assert isinstance(app.focused, RadioSet)
        await press(pilot, app, "right", "enter")  # speech -> belief
        await press(pilot, app, "ctrl+s")
        assert not isinstance(app.screen, EditClaimScreen)
        claim = st.get_claim(story_store, 2)
        assert claim.source == "A person familiar with the operator's plans"
        assert claim.kind is AttributionKind.BELIEF
        assert claim.version == 2
        edit = events(story_store, 2)[-1]
        assert (edit.action, edit.reviewer) == ("edit", "tester")
        assert edit.changes is not None
        assert edit.changes["source"] == [
            "A person familiar with the operator's",
            "A person familiar with the operator's plans",
        ]
        assert edit.changes["kind"] == ["speech", "belief"]
        assert screen.table.current is not None and screen.table.current.source == claim.source
        assert "corrected" in screen.last_message and "kind speech → belief" in screen.last_message
        await press(pilot, app, "z")  # undo the correction
        claim = st.get_claim(story_store, 2)
        assert claim.source == "A person familiar with the operator's"
        assert claim.kind is AttributionKind.SPEECH
        assert events(story_store, 2)[-1].action == "undo"


async def test_edit_source_kind_and_span(story_store: st.Store) -> None:
    async with running(story_store) as (pilot, app, _screen):
        await press(pilot, app, "E")  # claim 1: the utility, read as a named person
        await press(pilot, app, "tab")
        assert isinstance(app.focused, RadioSet)
        await press(pilot, app, "right", "right", "enter")  # named -> organization
        await press(pilot, app, "tab", "tab")  # past the attribution kind, to the span
        wanted = span_of("the pipes were replaced")
        await clear_and_type(pilot, app, f"{wanted[0]}:{wanted[1]}")
        assert "«the pipes were replaced»" in status_line(app)  # live preview
        await press(pilot, app, "enter")
        claim = st.get_claim(story_store, 1)
        assert claim.source_kind is SourceKind.ORGANIZATION
        assert claim.content_span == wanted
        assert claim.text == "the pipes were replaced"
        changes = events(story_store, 1)[-1].changes or {}
        assert changes["source_kind"] == ["named", "organization"]
        assert changes["content_end"][1] == wanted[1]


async def test_edit_refuses_a_bad_span_and_nothing_changed(story_store: st.Store) -> None:
    async with running(story_store) as (pilot, app, _screen):
        await press(pilot, app, "E")
        await press(pilot, app, "ctrl+s")  # nothing changed
        assert isinstance(app.screen, EditClaimScreen)
        assert "nothing changed" in status_line(app)
        await press(pilot, app, "tab", "tab", "tab")
        await clear_and_type(pilot, app, f"5:{len(BODY) + 10}")
        assert "ends after the story" in status_line(app)
        await press(pilot, app, "enter")
        assert isinstance(app.screen, EditClaimScreen)  # not saved
        await clear_and_type(pilot, app, "")
        await press(pilot, app, "shift+tab", "shift+tab", "shift+tab")
        await clear_and_type(pilot, app, "")
        await press(pilot, app, "ctrl+s")
        assert "source cannot be empty" in status_line(app)
        await press(pilot, app, "escape")
    assert st.get_claim(story_store, 1).version == 1
    assert events(story_store, 1) == []  # nothing written, nothing logged


async def test_a_stale_edit_is_refused_like_a_stale_status(story_store: st.Store) -> None:
    async with running(story_store) as (pilot, app, screen):
        await press(pilot, app, "E")
        st.set_status(story_store, claim_id=1, status="disputed", reviewer="other desk")
        await clear_and_type(pilot, app, "The city water utility")
        await press(pilot, app, "enter")
        claim = st.get_claim(story_store, 1)
        assert claim.source == "The water utility"  # nothing overwritten
        assert claim.status is ClaimStatus.DISPUTED
        assert (
            "other desk" in screen.last_message and "nothing was overwritten" in screen.last_message
        )
        assert screen.table.current is not None
        assert screen.table.current.status is ClaimStatus.DISPUTED  # shows what is stored
        assert [e.action for e in events(story_store, 1)] == ["status"]  # no edit logged


async def test_dismiss_takes_a_non_claim_out_and_undo_brings_it_back(
    story_store: st.Store,
) -> None:
    async with running(story_store) as (pilot, app, screen):
        assert "0 / 3 reviewed" in str(screen.query_one("#view-bar").render())
        await press(pilot, app, "G", "X")  # claim 3: "that"
        assert st.get_claim(story_store, 3).state is ClaimState.DISMISSED
        dismissal = events(story_store, 3)[-1]
        assert (dismissal.action, dismissal.reviewer) == ("dismiss", "tester")
        assert [r.id for r in screen.table.rows] == [1, 2]
        assert "0 / 2 reviewed" in str(screen.query_one("#view-bar").render())
        assert "dismissed" in screen.last_message
        await press(pilot, app, "z")
        assert st.get_claim(story_store, 3).state is ClaimState.ACTIVE
        assert [r.id for r in screen.table.rows] == [1, 2, 3]
        assert "0 / 3 reviewed" in str(screen.query_one("#view-bar").render())
        assert events(story_store, 3)[-1].action == "undo"


async def test_dismissed_claims_show_on_d_and_x_restores_one(story_store: st.Store) -> None:
    st.dismiss_claim(story_store, claim_id=3, reviewer="desk")
    async with running(story_store) as (pilot, app, screen):
        assert [r.id for r in screen.table.rows] == [1, 2]
        await press(pilot, app, "D")
        assert [r.id for r in screen.table.rows] == [1, 2, 3]
        assert "with dismissed" in str(screen.query_one("#view-bar").render())
        await press(pilot, app, "G")
        lines = [strip.text for strip in app.screen._compositor.render_strips()]
        assert any(line.startswith("3 ") and "dismissed" in line for line in lines)
        await press(pilot, app, "X")
        assert st.get_claim(story_store, 3).state is ClaimState.ACTIVE
        assert events(story_store, 3)[-1].action == "restore"
        assert "restored" in screen.last_message


async def test_add_a_missed_claim_by_selecting_its_words(story_store: st.Store) -> None:
    missed = "a full inquiry into the outage"
    start, end = span_of(missed)
    async with running(story_store) as (pilot, app, screen):
        await press(pilot, app, "A")
        dialog = app.screen
        assert isinstance(dialog, AddClaimScreen)
        area = dialog.query_one(TextArea)
        assert app.focused is area and area.text == BODY
        await press(pilot, app, "ctrl+s")  # nothing selected yet
        assert "select the claim's words" in status_line(app)
        # Keyboard only: from where the cursor opened, to the start of the words, then
        # shift+right over them.
        here = area.document.get_index_from_location(area.cursor_location)
        step = "right" if start >= here else "left"
        await press(pilot, app, *[step] * abs(start - here))
        await press(pilot, app, *["shift+right"] * (end - start))
        assert f"{start}:{end}" in status_line(app) and f"«{missed}»" in status_line(app)
        assert dialog.query_one("#add-span", Input).value == f"{start}:{end}"
        await press(pilot, app, "tab", "tab")  # past the span field to the source
        await press(pilot, app, *[("space" if c == " " else c) for c in "The mayor"])
        await press(pilot, app, "tab", "enter")  # source kind: named (the first)
        await press(pilot, app, "ctrl+s")
        assert not isinstance(app.screen, AddClaimScreen)
        assert screen.table.current is not None and screen.table.current.id == 4
    rows = st.list_claims(story_store)
    added = rows[-1]
    assert added.id == 4 and added.text == missed and added.content_span == (start, end)
    assert added.source == "The mayor" and added.added_by == "tester"
    assert added.source_kind is SourceKind.NAMED
    assert added.status is ClaimStatus.PENDING
    event = events(story_store, 4)[-1]
    assert (event.action, event.reviewer) == ("add", "tester")


async def test_a_typed_span_selects_the_words_and_z_undoes_the_addition(
    story_store: st.Store,
) -> None:
    missed = "Residents have complained for years"
    start, end = span_of(missed)
    async with running(story_store) as (pilot, app, screen):
        await press(pilot, app, "A", "tab")
        assert app.focused is app.screen.query_one("#add-span", Input)
        await press(pilot, app, *f"{start}:{end}")
        assert app.screen.query_one(TextArea).selected_text == missed
        await press(pilot, app, "enter")  # the story's own voice: no source given
        added = st.get_claim(story_store, 4)
        assert added.text == missed and added.source_kind is SourceKind.OUTLET
        assert screen.table.current is not None and screen.table.current.id == 4
        assert "added" in screen.last_message
        await press(pilot, app, "z")
        assert st.get_claim(story_store, 4).state is ClaimState.DISMISSED
        assert 4 not in [r.id for r in screen.table.rows]


async def test_correction_keys_are_in_the_key_bar_and_the_help(story_store: st.Store) -> None:
    from tracker.ui.widgets.key_bar import KeyBar

    async with running(story_store, size=(160, 45)) as (_pilot, app, screen):
        pairs = {key: (text, enabled) for key, text, enabled in screen.query_one(KeyBar).pairs()}
        assert pairs["E"] == ("edit claim", True)
        assert pairs["X"] == ("dismiss/restore", True)
        assert pairs["A"] == ("add a claim", True)
        sections = dict(app.help_sections())
        assert ("E", "edit claim") in sections["Correcting what the extractor read"]


async def test_correction_keys_do_nothing_on_an_empty_view(story_store: st.Store) -> None:
    async with running(story_store) as (pilot, app, screen):
        await press(pilot, app, "slash", *"nosuchword", "enter")
        assert not screen.table.rows
        assert screen.check_action("edit", ()) is None
        assert screen.check_action("add", ()) is None
        assert screen.check_action("dismiss_or_restore", ()) is None
        await press(pilot, app, "E", "X", "A")
        assert app.screen is screen
