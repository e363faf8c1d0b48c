"""Turn the hand-checked candidates into ``citations_labelled.jsonl`` (see README.md).

    .venv/bin/python -m nghitruong.documents.tests.parsing.data.label_citations \
        /tmp/candidates.jsonl > nghitruong/documents/tests/parsing/data/citations_labelled.jsonl

Every proposal in the candidates file was read against its sentence. Where it was wrong, the
sentence's citations are replaced by ``CORRECTIONS``; sentences whose citations cannot be resolved
from the sentence alone are dropped (``EXCLUDED``, with the reason).
"""

import json
import sys
from collections.abc import Callable
from typing import Any

THIS: dict[str, Any] = {"kind": "this"}


def number(key: str, title: str | None = None) -> dict[str, Any]:
    return {"kind": "number", "number": key, **({"title": title} if title else {})}


def title(name: str) -> dict[str, Any]:
    return {"kind": "title", "title": name}


def cite(
    sentence: str, text: str, targets: list[tuple[dict[str, Any], list[list[str]]]]
) -> dict[str, Any]:
    start = sentence.index(text)
    return {
        "start": start,
        "end": start + len(text),
        "text": text,
        "targets": [{"doc": doc, "path": path} for doc, path in targets],
    }


EXCLUDED: dict[str, str] = {
    "dev-0082": "amending provision: the points belong to the fee list named in the clause's lead-in",
    "dev-0204": "amending provision: 'khoản 3 Điều 33' belongs to the law named in the clause's lead-in",
    "heldout-0390": "amending provision: the articles belong to the law named in the clause's lead-in",
    "dev-0098": "heading line ('Phần thứ ba') carried into the article text, not running text",
    "dev-0161": "heading line ('Điều 115') carried into the article text, not running text",
    "dev-0302": "heading line ('Phần thứ sáu') carried into the article text, not running text",
    "dev-0303": "heading line ('Phần thứ tư') carried into the article text, not running text",
    "dev-0306": "heading line ('Phần thứ năm') carried into the article text, not running text",
    "dev-0311": "heading line ('Phần thứ hai') carried into the article text, not running text",
}


def corrections(record: dict[str, Any]) -> list[dict[str, Any]] | None:
    s = record["sentence"]
    fees = number("97/2015/QH13", "Luật Phí và lệ phí")
    table: dict[str, Callable[[], list[dict[str, Any]]]] = {
        "dev-0006": lambda: [
            cite(
                s,
                "mục 192 thuộc Phụ lục IV",
                [(number("61/2020/QH14", "Luật Đầu tư"), [["appendix", "IV"], ["section", "192"]])],
            ),
            cite(s, "Luật Đầu tư số 61/2020/QH14", [(number("61/2020/QH14", "Luật Đầu tư"), [])]),
            cite(s, "Luật số 72/2020/QH14", [(number("72/2020/QH14"), [])]),
            cite(s, "Luật số 03/2022/QH15", [(number("03/2022/QH15"), [])]),
        ],
        "dev-0019": lambda: [
            cite(
                s,
                "Mục IX - Phí thuộc lĩnh vực tài nguyên và môi trường thuộc Phụ lục số 01",
                [(fees, [["appendix", "1"], ["section", "IX"]])],
            ),
            cite(s, "Luật Phí và lệ phí số 97/2015/QH13", [(fees, [])]),
            cite(s, "Luật số 09/2017/QH14", [(number("09/2017/QH14"), [])]),
            cite(s, "Luật số 23/2018/QH14", [(number("23/2018/QH14"), [])]),
        ],
        "dev-0027": lambda: [
            cite(
                s,
                "mục 3.1 và mục 3.2 thuộc phần VII",
                [
                    (fees, [["part", "VII"], ["section", "3.1"]]),
                    (fees, [["part", "VII"], ["section", "3.2"]]),
                ],
            ),
            cite(s, "Luật Phí và lệ phí số 97/2015/QH13", [(fees, [])]),
        ],
        "dev-0111": lambda: [
            cite(
                s,
                "Luật Chất lượng sản phẩm, hàng hóa",
                [(title("Luật Chất lượng sản phẩm, hàng hóa"), [])],
            ),
        ],
        "heldout-0365": list,  # "các điều khoản này": contract terms, not a clause
        "heldout-0420": list,  # "tài khoản này": a bank account, not a clause
        "heldout-0369": lambda: [
            cite(
                s,
                "Luật hiến, lấy, ghép mô, bộ phận cơ thể người và hiến, lấy xác",
                [(title("Luật Hiến, lấy, ghép mô, bộ phận cơ thể người và hiến, lấy xác"), [])],
            ),
        ],
        "heldout-0384": lambda: [
            cite(s, "Luật Khoa học và công nghệ", [(title("Luật Khoa học và công nghệ"), [])]),
            cite(s, "Luật Chuyển giao công nghệ", [(title("Luật Chuyển giao công nghệ"), [])]),
        ],
    }
    build = table.get(record["id"])
    return build() if build is not None else None


def main(path: str) -> None:
    with open(path, encoding="utf-8") as handle:
        for raw in handle:
            record = json.loads(raw)
            if record["id"] in EXCLUDED:
                continue
            fixed = corrections(record)
            record["citations"] = fixed if fixed is not None else record["citations"]
            record["corrected"] = fixed is not None
            record["source"] = f"{record.pop('law')}, Điều {record['article']}"
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
