"""The long-policy benchmark: documents per unit, and judged questions split into dev and blind.

Per document: each hand-written fact gives one question (its last fact goes to the blind set);
the generated parts give three more kinds of question — when the document takes effect (its
附则), a town's service window (附件1) and a town's share of the year's money (附件2), the
last two far into the body.
"""

import datetime
import random

from assemble import assemble
from long_docs_a import DOCS as DOCS_A
from long_docs_b import DOCS as DOCS_B
from long_docs_c import DOCS as DOCS_C
from long_docs_d import DOCS as DOCS_D
from messy import STYLES, kind_of, messy

DOCS = DOCS_A + DOCS_B + DOCS_C + DOCS_D
NOUNS = ["实施细则", "细则", "实施方案", "方案", "工作规程", "办法", "措施", "政策", "通知"]


def effective_clause(doc, rng):
    noun = "通知" if doc["form"] == "notice" else next(noun for noun in NOUNS if noun in doc["title"])
    start = datetime.date.fromisoformat(doc["date"]) + datetime.timedelta(days=rng.randint(10, 45))
    years = rng.randint(2, 5)
    return f"本{noun}自{start.year}年{start.month}月{start.day}日起施行，有效期{years}年。"


def town_phrase(town):
    return f"{town}那边" if town.endswith("街道") else f"{town}镇上".replace("镇镇", "镇")


def generated_questions(doc, rng):
    """(key, question) for the effective date, one town's window and, with an allocation, one town's share."""
    ask, towns = (
        doc["ask"],
        rng.sample(
            [
                "城关街道",
                "青石镇",
                "龙泉镇",
                "白沙镇",
                "桃源镇",
                "柳河镇",
                "凤凰镇",
                "双桥镇",
                "石门镇",
                "长乐镇",
                "东城街道",
                "西城街道",
            ],
            2,
        ),
    )
    questions = [
        (
            "effective",
            rng.choice(
                [
                    f"{ask}的文件是从哪天开始执行的，有效期几年",
                    f"{ask}这个政策什么时候开始实施，管几年",
                    f"{ask}的规定几号起施行的？有效期多长",
                ]
            ),
        )
    ]
    questions.append(
        (
            ("contact", towns[0]),
            rng.choice(
                [
                    f"我是{towns[0]}的，{ask}在{town_phrase(towns[0])}哪个窗口办，电话多少",
                    f"{towns[0]}办{ask}的窗口地址在哪里，有联系电话吗",
                    f"住{towns[0]}，想问{ask}找哪个办公室，怎么联系",
                ]
            ),
        )
    )
    if doc.get("allocation"):
        questions.append(
            (
                ("allocation", towns[1]),
                rng.choice(
                    [
                        f"{towns[1]}今年{ask}一共分到多少钱",
                        f"{doc['year']}年{ask}资金{towns[1]}分了多少万",
                        f"{ask}的钱{towns[1]}有多少{doc['allocation'][0]}，多少万元",
                    ]
                ),
            )
        )
    return questions


def build():
    """({unit: [import lines]}, dev queries, blind queries)."""
    files, dev, blind = {}, [], []
    for number, doc in enumerate(DOCS):
        rng = random.Random("questions/" + doc["slug"])
        doc = dict(doc, effective=effective_clause(doc, rng))
        line, offsets, _annex = assemble(doc)
        files.setdefault(doc["unit"], []).append(line)
        length = len(line["body"])
        items = [
            (index, question, index == len(doc["facts"]) - 1)
            for index, (_chapter, _clause, question) in enumerate(doc["facts"])
        ]
        for key, question in generated_questions(doc, rng):
            items.append((key, question, key[0] == "allocation" or (key[0] == "contact" and number % 4 == 1)))
        effective_at = line["body"].index(doc["effective"])
        for position, (key, question, is_blind) in enumerate(items):
            style = STYLES[(number * 3 + position) % len(STYLES)]
            text = messy(question, style, doc["title"], rng)
            answer_at = effective_at if key == "effective" else offsets[key]
            (blind if is_blind else dev).append(
                {
                    "query": text,
                    "kind": kind_of(style),
                    "relevant": [doc["slug"]],
                    "answer_at": answer_at,
                    "body_chars": length,
                }
            )
    for prefix, queries in (("ld", dev), ("lb", blind)):
        for number, query in enumerate(queries, start=1):
            query["id"] = f"{prefix}{number:03d}"
    return files, dev, blind
