"""Reading a participants CSV (no Qt, no database for the parser): consent is never assumed,
values are strict, and every refusal is one line that names the line and the column."""

from __future__ import annotations

from pathlib import Path

import pytest

from workshop_app.core.consent import ConsentChoices
from workshop_app.core.errors import ImportFormatError
from workshop_app.core.participants import list_participants
from workshop_app.core.participants_io import (
    NO_CONTACT,
    NO_TAKE_PART,
    import_participants,
    preview,
    read_participants_csv,
)


def write(tmp_path: Path, text: str, name: str = "p.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def refusal(path: Path) -> str:
    with pytest.raises(ImportFormatError) as exc:
        read_participants_csv(path)
    message = str(exc.value)
    assert message and "\n" not in message
    return message


def test_yes_no_values_and_quote_choices(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "\ufeffName, E-mail ,Take part,quote,PHOTO,contact,use_report,use-publicity\r\n"
        "Ann,ann@x.org,Yes,Full_Name,x,TRUE,1,y\r\n"
        "Bob,bob@x.org,no,,n,false,0,\r\n"
        ",,,,,,,\r\n"
        "Cy,,Y,first name area,,,,\r\n",
    )
    # "E-mail" is not "email": the column must be named email.
    assert "'email'" in refusal(path)
    path = write(tmp_path, path.read_text("utf-8-sig").replace("E-mail", "Email"))
    rows = read_participants_csv(path)
    assert [r.line for r in rows] == [2, 3, 5]
    assert rows[0].choices == ConsentChoices(True, "full_name", True, True, True, True)
    assert rows[1].choices == ConsentChoices()
    assert rows[2].choices == ConsentChoices(take_part=True, quote="first_name_area")


def test_missing_consent_columns_mean_no_consent(tmp_path: Path) -> None:
    rows = read_participants_csv(write(tmp_path, "name,email,phone\nAnn,ann@x.org,01234 567890\n"))
    assert rows[0].choices == ConsentChoices()
    (plan,) = preview(rows)
    assert plan.fields.name == plan.fields.email == plan.fields.phone == ""
    assert ("name", NO_TAKE_PART) in plan.dropped and ("email", NO_TAKE_PART) in plan.dropped
    assert "drops name" in plan.describe()


def test_preview_drops_contacts_without_contact_consent(tmp_path: Path) -> None:
    rows = read_participants_csv(
        write(
            tmp_path,
            "name,email,phone,area,take_part,contact\n"
            "Ann,ann@x.org,01234 567890,Town,yes,no\n"
            "Bob,bob@x.org,,Town,yes,yes\n",
        )
    )
    ann, bob = preview(rows)
    assert (ann.fields.name, ann.fields.area, ann.fields.email, ann.fields.phone) == (
        "Ann",
        "Town",
        "",
        "",
    )
    assert ann.dropped == (("email", NO_CONTACT), ("phone", NO_CONTACT))
    assert (bob.fields.name, bob.fields.email, bob.dropped) == ("Bob", "bob@x.org", ())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("name,email,take_part\nAnn,a@x.org,yes\nBob,b@x.org,perhaps\n", ["line 3", "take_part"]),
        ("name,email,photo\nAnn,a@x.org,2\n", ["line 2", "photo", "'2'"]),
        ("name,email,quote\nAnn,a@x.org,yes\n", ["line 2", "quote", "'yes'"]),
        ("name,email\nA,a@x.org\nB,A@X.ORG\n", ["line 3", "line 2"]),
        ("name,take_part\nAnn,yes\n", ["'email'", "take_part"]),
        ("email\na@x.org\n", ["'name'"]),
        ("", ["is empty", "name, email"]),
        ("name,email\n\n,\n", ["no participants"]),
        ('name,email\n"Ann,a@x.org\n', ["line"]),
    ],
)
def test_bad_files_are_refused_in_one_line(tmp_path: Path, text: str, expected: list[str]) -> None:
    message = refusal(write(tmp_path, text))
    for part in expected:
        assert part in message, message


def test_binary_and_legacy_encodings_are_refused(tmp_path: Path) -> None:
    assert "binary" in refusal(write(tmp_path, "name,email\nA\x00,b\n"))
    message = refusal(write(tmp_path, "name,email\nZoë,z@x.org\n", encoding="cp1252"))
    assert "UTF-8" in message and "line 2" in message
    assert "no file" in refusal(tmp_path / "missing.csv").lower()
    assert "folder" in refusal(tmp_path)


def test_too_many_rows_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("workshop_app.core.participants_io.MAX_IMPORT_ROWS", 2)
    message = refusal(write(tmp_path, "name,email\nA,\nB,\nC,\n"))
    assert "at most 2" in message


def test_import_is_all_or_nothing(db, workshop, tmp_path: Path) -> None:
    good = read_participants_csv(
        write(tmp_path, "name,email,take_part,contact\nAnn,ann@x.org,yes,yes\nBob,,no,\n")
    )
    infos = db.run(lambda s: import_participants(s, workshop.id, good, "Facilitator"))
    assert [(i.name, i.email, i.choices.take_part) for i in infos] == [
        ("Ann", "ann@x.org", True),
        ("", "", False),
    ]
    assert all(i.consent and i.consent.recorded_by == "Facilitator" for i in infos)
    bad = read_participants_csv(
        write(tmp_path, "name,email,take_part,contact\nCy,cy@x.org,yes,yes\nDi,nope,yes,yes\n")
    )
    with pytest.raises(ImportFormatError, match="Line 3"):
        db.run(lambda s: import_participants(s, workshop.id, bad, "Facilitator"))
    assert len(db.read(lambda s: list_participants(s, workshop.id))) == 2


def test_the_same_sign_up_list_twice_does_not_double_the_register(
    db, workshop, tmp_path: Path
) -> None:
    text = "name,email,take_part,contact\nAnn,ann@x.org,yes,yes\nBob,,yes,\n"
    rows = read_participants_csv(write(tmp_path, text))
    db.run(lambda s: import_participants(s, workshop.id, rows, "desk"))
    again = read_participants_csv(write(tmp_path, text.replace("ann@x.org", "ANN@x.org")))
    added = db.run(lambda s: import_participants(s, workshop.id, again, "desk"))
    # Ann's email is already there under her name: skipped. Bob gave no email: no match.
    assert [p.name for p in added] == ["Bob"]
    names = sorted(p.name for p in db.read(lambda s: list_participants(s, workshop.id)))
    assert names == ["Ann", "Bob", "Bob"]


def test_a_known_email_under_another_name_is_refused_not_merged(
    db, workshop, tmp_path: Path
) -> None:
    first = read_participants_csv(
        write(tmp_path, "name,email,take_part,contact\nAnn,a@x.org,y,y\n")
    )
    db.run(lambda s: import_participants(s, workshop.id, first, "desk"))
    other = read_participants_csv(
        write(tmp_path, "name,email,take_part,contact\nCai,c@x.org,y,y\nAnnie,a@x.org,y,y\n")
    )
    with pytest.raises(ImportFormatError) as caught:
        db.run(lambda s: import_participants(s, workshop.id, other, "desk"))
    assert "Line 3" in str(caught.value) and "another name" in str(caught.value)
    names = [p.name for p in db.read(lambda s: list_participants(s, workshop.id))]
    assert names == ["Ann"]
