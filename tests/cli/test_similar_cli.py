"""``tracker similar`` and the semantic side of ``tracker match`` / ``tracker db check``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from tests.conftest import FakeClaim, add_fake_story
from tracker import store as st
from tracker.cli import app
from tracker.matching import embedding
from tracker.models import claim_table, embedding_table, match_table
from tracker.store import embeddings
from tracker.vocab import ClaimStatus

runner = CliRunner()


@pytest.fixture(autouse=True)
def _fresh_encoder():
    embedding.reset_encoder()
    yield
    embedding.reset_encoder()


def _newsroom(db_url: str) -> tuple[str, int]:
    s = st.Store.open(db_url)
    embeddings.forget_index(s)
    one = add_fake_story(
        s,
        [
            FakeClaim("Qatar has been in touch with HTS"),
            FakeClaim("The central bank raised interest rates by half a point"),
        ],
        title="Qatar and HTS",
        outlet="Reuters",
    )
    add_fake_story(
        s,
        [FakeClaim("A striker scored twice in the cup final on Sunday")],
        title="Cup final",
        outlet="Sport Daily",
    )
    st.set_status(s, claim_id=one.claim_ids[0], status=ClaimStatus.CONFIRMED, reviewer="ana")
    s.close()
    return db_url, one.claim_ids[0]


def test_similar_lists_the_closest_claims_by_meaning(db_url: str) -> None:
    url, hts = _newsroom(db_url)
    # claims stored before their vectors: the rebuild computes them
    rebuilt = runner.invoke(app, ["match", "--rebuild", "--json", "--db", url])
    assert rebuilt.exit_code == 0, rebuilt.output
    assert json.loads(rebuilt.stdout)["embedded"] == 3
    result = runner.invoke(
        app,
        [
            "similar",
            "Doha has had contacts with the rebel group",
            "--json",
            "--limit",
            "2",
            "--db",
            url,
        ],
    )
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert len(found) == 2
    first = found[0]
    assert first["claim_id"] == hts and first["by"] == "meaning"
    assert first["status"] == "confirmed" and first["story_title"] == "Qatar and HTS"
    assert first["outlet"] == "Reuters" and first["score"] > found[1]["score"]
    assert result.stderr == ""  # nothing to warn about
    piped = runner.invoke(
        app, ["similar", "Doha has had contacts with the rebel group", "--db", url]
    )  # the runner's stdout is a pipe: tab-separated lines with a header, no box
    assert piped.exit_code == 0, piped.output
    header, *lines = piped.stdout.splitlines()
    columns = ["score", "by", "id", "status", "story_id", "outlet", "published", "story", "claim"]
    assert header.split("\t") == columns
    rows = [dict(zip(columns, line.split("\t"), strict=True)) for line in lines]
    assert len(rows) == 3 and rows[0]["id"] == str(hts) and rows[0]["by"] == "meaning"
    assert rows[0]["claim"] == "Qatar has been in touch with HTS"
    assert rows[0]["status"] == "confirmed" and rows[0]["outlet"] == "Reuters"
    assert float(rows[0]["score"]) == round(first["score"], 2)
    assert not {"│", "┃", "━"} & set(piped.stdout)


def test_similar_on_a_terminal_is_a_table(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    url, _ = _newsroom(db_url)
    runner.invoke(app, ["match", "--rebuild", "--db", url])
    monkeypatch.setattr("tracker.cli.match_cmd.to_terminal", lambda: True)
    table = runner.invoke(
        app, ["similar", "Doha has had contacts with the rebel group", "--db", url]
    )
    assert table.exit_code == 0, table.output
    assert "Qatar has been in touch with HTS" in table.stdout and "confirmed" in table.stdout
    assert "┃" in table.stdout and "\t" not in table.stdout


def test_similar_before_any_vector_says_so_and_answers_by_wording(db_url: str) -> None:
    """An upgraded database has no vector of this model yet: wording beats an empty answer."""
    url, hts = _newsroom(db_url)
    result = runner.invoke(
        app, ["similar", "Qatar has been in touch with HTS", "--json", "--db", url]
    )
    assert result.exit_code == 0
    found = json.loads(result.stdout)
    assert found[0]["claim_id"] == hts and found[0]["by"] == "wording"
    # one line, advising what `tracker db check` advises: few claims, a plain match
    assert len(result.stderr.strip().splitlines()) == 1
    assert "no claim has a vector of" in result.stderr and "closest by wording" in result.stderr
    assert "(3 claims without a vector of the model: run `tracker match`)" in result.stderr
    check = runner.invoke(app, ["db", "check", "--db", url])
    assert "run `tracker match` for the other 3" in check.output
    unrelated = runner.invoke(app, ["similar", "zebra xylophone quintet", "--db", url])
    assert unrelated.exit_code == 0
    assert "no stored claims to compare with" not in unrelated.stderr


def test_similar_names_claims_it_could_not_search_by_meaning(db_url: str) -> None:
    url, _ = _newsroom(db_url)
    assert runner.invoke(app, ["match", "--rebuild", "--db", url]).exit_code == 0
    s = st.Store.open(url)
    add_fake_story(s, [FakeClaim("The harbour ferry will cost more from May")], title="Ferry")
    s.close()
    result = runner.invoke(app, ["similar", "Qatar spoke with HTS", "--json", "--db", url])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["by"] == "meaning"
    assert result.stderr.strip() == (
        "not searched by meaning: 1 claim without a vector of the model: run `tracker match`"
    )


def test_similar_refuses_an_empty_sentence(db_url: str) -> None:
    url, _ = _newsroom(db_url)
    result = runner.invoke(app, ["similar", "   ", "--db", url])
    assert result.exit_code == 1
    assert result.output.startswith("error: ") and len(result.output.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("caf\udce9 owner denies the report", "not valid UTF-8"),  # a shell's undecodable byte
        ("\x7fELF\x02\x01\x01 Qatar", "control characters"),
        ("?!? ... --", "no words"),
    ],
)
def test_similar_refuses_binary_or_wordless_text_in_one_line(
    db_url: str, text: str, said: str
) -> None:
    url, _ = _newsroom(db_url)
    result = runner.invoke(app, ["similar", text, "--db", url])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and said in lines[0]


def test_without_the_model_each_command_says_so_once_and_still_works(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url, hts = _newsroom(db_url)
    monkeypatch.setenv("TRACKER_EMBEDDING_MODEL", str(tmp_path / "missing-model"))
    embedding.reset_encoder()
    match = runner.invoke(app, ["match", "--db", url])
    assert match.exit_code == 0, match.output
    assert match.output.count("semantic matching unavailable") == 1
    assert "missing-model" in match.output and "matched by wording only" in match.output
    similar = runner.invoke(
        app, ["similar", "Qatar has been in touch with HTS", "--json", "--db", url]
    )
    assert similar.exit_code == 0
    assert similar.stderr.count("semantic matching unavailable") == 1
    found = json.loads(similar.stdout)
    assert found[0]["claim_id"] == hts and found[0]["by"] == "wording"
    check = runner.invoke(app, ["db", "check", "--db", url])
    assert check.exit_code == 0, check.output  # the database itself is fine
    line = next(x for x in check.output.splitlines() if x.startswith("semantic:"))
    assert "unavailable" in line and "missing-model" in line and "wording only" in line
    as_json = json.loads(runner.invoke(app, ["db", "check", "--json", "--db", url]).stdout)
    assert as_json["embedding_model"] is None and "missing-model" in as_json["embedding_problem"]


def test_a_rebuild_without_the_model_keeps_the_matches_found_by_meaning(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url, hts = _newsroom(db_url)
    extra = st.Store.open(url)
    doha = add_fake_story(
        extra, [FakeClaim("Doha has had contacts with the rebel group")], title="Doha", outlet="B"
    ).claim_ids[0]
    extra.close()
    pair = (min(hts, doha), max(hts, doha))
    assert runner.invoke(app, ["match", "--rebuild", "--db", url, "--suggest", "20"]).exit_code == 0

    def rows() -> dict[tuple[int, int], float]:
        s = st.Store.open(url)
        with s.read() as conn:
            found = conn.execute(
                sa.select(match_table.c.claim_a_id, match_table.c.claim_b_id, match_table.c.score)
            ).all()
        s.close()
        return {(int(a), int(b)): round(float(score), 3) for a, b, score in found}

    before = rows()
    assert pair in before  # the reworded claim, scored by meaning
    monkeypatch.setenv("TRACKER_EMBEDDING_MODEL", str(tmp_path / "missing-model"))
    embedding.reset_encoder()
    refused = runner.invoke(app, ["match", "--rebuild", "--db", url, "--suggest", "20"])
    assert refused.exit_code == 1
    said = refused.output.strip().splitlines()
    assert len(said) == 1 and "--wording-only" in said[0] and "missing-model" in said[0]
    assert rows() == before
    forced = runner.invoke(
        app, ["match", "--rebuild", "--wording-only", "--db", url, "--suggest", "20"]
    )
    assert forced.exit_code == 0, forced.output
    # rebuilt by wording alone: the pair is gone or scored by its words only
    assert rows().get(pair) != before[pair]


def test_db_check_counts_claims_with_vectors(db_url: str) -> None:
    url, _ = _newsroom(db_url)
    check = runner.invoke(app, ["db", "check", "--db", url])
    line = next(x for x in check.output.splitlines() if x.startswith("semantic:"))
    # a few missing vectors are made by a plain match, so that is what it advises
    assert "0 of 3 claims have vectors" in line and "run `tracker match` for" in line
    assert "stale" not in check.output
    runner.invoke(app, ["match", "--db", url])
    check = runner.invoke(app, ["db", "check", "--db", url])
    line = next(x for x in check.output.splitlines() if x.startswith("semantic:"))
    assert "3 of 3 claims have vectors" in line


def test_db_check_says_why_the_int8_model_is_not_running(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url, _ = _newsroom(db_url)
    check = runner.invoke(app, ["db", "check", "--db", url])
    assert "int8 model is unavailable" not in check.output
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(embedding.MODEL_CACHE_ENV, str(blocker / "models"))
    embedding.reset_encoder()
    check = runner.invoke(app, ["db", "check", "--db", url])
    assert check.exit_code == 0, check.output  # slower, not broken
    lines = check.output.splitlines()
    at = next(i for i, x in enumerate(lines) if x.startswith("semantic:"))
    said = " ".join(lines[at : at + 3])
    assert "int8 model is unavailable" in said and str(blocker) in said
    as_json = json.loads(runner.invoke(app, ["db", "check", "--json", "--db", url]).stdout)
    assert "cannot write the model cache" in as_json["embedding_note"]


def test_db_check_names_vectors_of_an_older_model_and_match_remakes_them(db_url: str) -> None:
    """An upgraded database's vectors were made under an older model id (text form)."""
    url, _ = _newsroom(db_url)
    runner.invoke(app, ["match", "--db", url])
    s = st.Store.open(url)
    with s.engine.begin() as conn:
        conn.execute(
            embedding_table.update()
            .where(embedding_table.c.claim_id != min_claim_id(conn))
            .values(model_id="old-model@0123456789ab")
        )
        conn.execute(
            embedding_table.delete().where(embedding_table.c.claim_id == min_claim_id(conn))
        )
    s.close()
    check = runner.invoke(app, ["db", "check", "--db", url])
    assert check.exit_code == 0, check.output
    lines = check.output.splitlines()
    assert "0 of 3 claims have vectors" in next(x for x in lines if x.startswith("semantic:"))
    assert any(
        "2 claims have stale vectors" in x
        and "old-model@0123456789ab" in x
        and "`tracker match`" in x
        for x in lines
    ), check.output
    assert any("1 have none yet" in x for x in lines), check.output
    as_json = json.loads(runner.invoke(app, ["db", "check", "--json", "--db", url]).stdout)
    assert as_json["stale_embeddings"] == {"old-model@0123456789ab": 2}
    assert as_json["embed_command"] == "tracker match"
    assert runner.invoke(app, ["match", "--db", url]).exit_code == 0
    check = runner.invoke(app, ["db", "check", "--db", url])
    assert "3 of 3 claims have vectors" in check.output and "stale" not in check.output


def min_claim_id(conn: sa.Connection) -> int:
    """The lowest stored claim id."""
    return int(conn.execute(sa.select(sa.func.min(claim_table.c.id))).scalar_one())
