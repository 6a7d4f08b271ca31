"""Assemble a long policy document from its hand-written facts, the shared clauses and generated annexes.

A document is a dict of long_docs.py. Its body is plain text (one paragraph a line, which
import_content turns into paragraphs); `assemble` returns the import line and, per fact, the
character offset of the fact's clause in that body, so each question records how deep its
answer sits (`answer_at`).
"""

import hashlib
import random

from boilerplate import CHAPTERS, CLAUSES, NOTICE_CLOSING, NOTICE_OPENING, NOTICE_POINTS

TOWNS = [
    "城关街道",
    "东城街道",
    "西城街道",
    "青石镇",
    "龙泉镇",
    "白沙镇",
    "桃源镇",
    "柳河镇",
    "凤凰镇",
    "双桥镇",
    "石门镇",
    "长乐镇",
]
ROADS = ["人民路", "解放路", "新华路", "溪滨路", "文化路", "建设路", "中山路", "府前路", "望江路", "学前路"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余杜叶程魏苏吕丁任沈姚卢"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红玉兰海燕文斌春梅晓东立新永庆"
VILLAGE_A = "东西南北上下前后大小新黄石竹桥溪岭塘山田林枫梅柳"
VILLAGE_B = ["头村", "岙村", "坑村", "塘村", "岭村", "溪村", "桥村", "湾村", "洋村", "坪村", "垟村", "源村"]
NUMERALS = "零一二三四五六七八九"
# size: (share of each shared pool, annexes, villages per town in the agents annex)
SIZES = {"S": (0.0, True, None), "M": (0.55, True, None), "L": (1.0, True, (5, 8)), "XL": (1.0, True, (14, 20))}


def chinese_number(number):
    """1 → 一, 10 → 十, 23 → 二十三 (enough for article numbers)."""
    tens, units = divmod(number, 10)
    if number < 10:
        return NUMERALS[number]
    return (NUMERALS[tens] if tens > 1 else "") + "十" + (NUMERALS[units] if units else "")


def phone(*parts):
    digest = int(hashlib.sha1("/".join(parts).encode()).hexdigest(), 16)
    return f"0577-6{digest % 10_000_000:07d}"


def fill(text, doc):
    return text.format(prog=doc["prog"], dept=doc["dept"], obj=doc["obj"], fund=doc["fund"])


def measures(doc, rng, share):
    """第一章 … 第X条 …: boilerplate of each chapter with the document's facts among it."""
    facts_by_chapter = {}
    for index, (chapter, clause, _question) in enumerate(doc["facts"]):
        facts_by_chapter.setdefault(chapter, []).append((index, clause))
    paragraphs, offsets, article = [], {}, 0
    for chapter_number, chapter in enumerate(CHAPTERS, start=1):
        pool = CLAUSES[chapter]
        # The pool's order is kept (purpose first, interpretation last); the general chapter keeps its first clause.
        first = 1 if chapter == "general" else 0
        chosen = list(range(first)) + sorted(
            rng.sample(range(first, len(pool)), max(1, round(len(pool) * share)) - first)
        )
        items = [(None, fill(pool[number], doc)) for number in chosen]
        for index, clause in facts_by_chapter.get(chapter, []):
            last = len(items) - 1 if chapter == "misc" else len(items)
            items.insert(rng.randint(min(1, last), max(min(1, last), last)), (index, clause))
        if chapter == "misc":
            items.append((None, doc["effective"]))
        paragraphs.append(f"第{chinese_number(chapter_number)}章　{CHAPTERS[chapter]}")
        for index, clause in items:
            article += 1
            paragraphs.append(f"第{chinese_number(article)}条　{clause}")
            if index is not None:
                offsets[index] = (len(paragraphs) - 1, len(f"第{chinese_number(article)}条　"))
    return paragraphs, offsets


def notice(doc, rng, share):
    """各乡镇……：通知如下：一、…: the facts as points among the shared points."""
    points = [(None, fill(text, doc)) for text in NOTICE_POINTS]
    for index, (_chapter, clause, _question) in enumerate(doc["facts"]):
        points.insert(rng.randint(1, len(points) - 1), (index, clause))
    paragraphs = [fill(text, doc) for text in NOTICE_OPENING]
    offsets = {}
    for number, (index, clause) in enumerate(points, start=1):
        prefix = f"{chinese_number(number)}、"
        paragraphs.append(prefix + clause)
        if index is not None:
            offsets[index] = (len(paragraphs) - 1, len(prefix))
    paragraphs += [fill(NOTICE_CLOSING, doc), doc["effective"]]
    return paragraphs, offsets


def annexes(doc, rng, villages_per_town):
    """附件: each town's window and phone, the year's allocation, and (large documents) village agents."""
    lines, facts = [], {}
    lines.append(f"附件1：各乡镇（街道）{doc['prog']}受理窗口及联系电话")
    for number, town in enumerate(TOWNS, start=1):
        text = (
            f"{number}. {town}{doc['office']}，地址：{town}{rng.choice(ROADS)}{rng.randint(2, 188)}号便民服务中心"
            f"{rng.randint(1, 16)}号窗口，联系电话：{phone(doc['slug'], town)}。"
        )
        facts[("contact", town)] = (len(lines), 0, text)
        lines.append(text)
    if doc.get("allocation"):
        unit_word, per = doc["allocation"]
        lines.append(f"附件2：{doc['year']}年度{doc['fund']}分配表（单位：万元）")
        for town in TOWNS:
            count = rng.randint(40, 2600)
            amount = round(count * per * rng.uniform(0.8, 1.2) / 10_000, 2)
            text = f"{town}：{count}{unit_word}，{amount}万元。"
            facts[("allocation", town)] = (len(lines), 0, text)
            lines.append(text)
    if villages_per_town:
        lines.append(f"附件{3 if doc.get('allocation') else 2}：村（社区）{doc['prog']}代办点名单")
        for town in TOWNS:
            villages = []
            for _ in range(rng.randint(*villages_per_town)):
                name = "".join(rng.sample(VILLAGE_A, 2)) + rng.choice(VILLAGE_B)
                agent = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)
                villages.append(f"{name}（代办员{agent}，电话{phone(doc['slug'], town, name)}）")
            lines.append(f"{town}：" + "；".join(villages) + "。")
    return lines, facts


def assemble(doc):
    """(import line, {fact index or annex key: offset}, {annex key: text})."""
    rng = random.Random(doc["slug"])
    share, with_annex, villages = SIZES[doc["size"]]
    build = notice if doc["form"] == "notice" else measures
    paragraphs, spots = build(doc, rng, share if doc["form"] == "notice" else max(share, 0.3))
    annex_facts = {}
    if with_annex:
        base = len(paragraphs)
        lines, annex_facts = annexes(doc, rng, villages)
        paragraphs += lines
        spots.update({key: (base + line, skip) for key, (line, skip, _text) in annex_facts.items()})
    starts, position = [], 0
    for paragraph in paragraphs:
        starts.append(position)
        position += len(paragraph) + 1
    offsets = {key: starts[line] + skip for key, (line, skip) in spots.items()}
    line = {
        "type": "policy",
        "slug": doc["slug"],
        "title": doc["title"],
        "policy_kind": doc["kind"],
        "doc_number": doc["number"],
        "issuing_authority": doc["issuer"],
        "written_date": doc["date"],
        "topic": doc["topic"],
        "tags": doc.get("tags", []),
        "body": "\n".join(paragraphs),
    }
    if doc["kind"] != "其他文件":
        line.update(interpretation_exempt=True, exemption_reason="执行性文件，政策要点已在正文中逐条列明")
    return line, offsets, {key: text for key, (_l, _s, text) in annex_facts.items()}
