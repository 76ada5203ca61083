"""/trainer/agreement: the coach against trainers, label by label, on corrected replies
whose labels are known, so every figure (kappa too) is checked against its formula."""

from __future__ import annotations

import re

from tests.web.dashboard_app import dashboard_app
from tests.web.test_label_corrections import NONE, database, role_play, sign_in


def test_the_agreement_page_counts_each_label_over_corrected_replies(tmp_path) -> None:
    """Empathy on five corrected replies, coach then trainer: yes/yes, yes/no, no/yes,
    no/no, yes/yes. Observed agreement 3/5; both said yes 3/5 of the time, so chance is
    0.6*0.6 + 0.4*0.4 = 0.52 and kappa = (0.6 - 0.52) / (1 - 0.52) = 1/6."""
    url = database(tmp_path)
    coach = [["empathy"], ["empathy"], [], [], ["empathy"]]
    role_play(url, "a1", [(f"reply number {n}", skills) for n, skills in enumerate(coach)])
    client, token = sign_in(dashboard_app(url, tmp_path))
    said = [("empathy", "1"), ("empathy", "0"), ("empathy", "1"), ("apology", "1"),
            ("apology", "1")]  # fmt: skip
    for number, (label, present) in enumerate(said, start=1):
        client.post(f"/trainer/sessions/a1/replies/{number}/labels",
                    data={"csrf_token": token, "label": label, "present": present})  # fmt: skip
    page = client.get("/trainer/agreement").text
    rows = {
        cells[0]: cells[1:]
        for row in page.split("<tbody>")[1].split("</tbody>")[0].split("<tr>")[1:]
        if (cells := re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row))
    }
    assert "Over the 5 replies" in page and 'href="/trainer/agreement"' in page
    assert rows["empathy"] == ["2", "1", "1", "1", "0.67", "0.67", "0.17"]
    assert rows["apology"] == ["0", "0", "2", "3", NONE, "0.00", "0.00"]
    assert rows["greeting"] == ["0", "0", "0", "5", NONE, NONE, NONE]
