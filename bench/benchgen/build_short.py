"""The short-answer benchmark: per topic one 便民问答 collection (a policy line of kind 其他文件)
whose Q&A items are the official answers, and judged questions split into dev and blind.

Every item opens by restating the topic and all its siblings' aspects (as answer collections
do), so the words of a question appear in every sibling; only the judged item answers it. Two
items per topic get a referral sibling that repeats their question word for word and answers
nothing (“请到窗口咨询”); it is never judged relevant. Per item, the first three citizens'
questions go to dev, the fourth to blind.
"""

import datetime
import random

from assemble import phone
from messy import STYLES, kind_of, messy
from short_answers_a import TOPICS as TOPICS_A
from short_answers_b import TOPICS as TOPICS_B

from home.demo_data import units

TOPICS = TOPICS_A + TOPICS_B
TOPIC_CODES = {
    "ybj": "health",
    "rsj": "labour",
    "mzj": "civil",
    "zrzyj": "land",
    "zjj": "construction",
    "jyj": "science",
    "wjj": "health",
    "scjgj": "market",
    "nyncj": "agriculture",
    "jtj": "industry",
}


def opening(topic, aspects, aspect, title, variant):
    others = "、".join(aspects)
    return [
        f"近期，不少群众咨询{topic}方面的{others}等问题。现就“{title}”答复如下：",
        f"问：{title}\n答：",
        f"您好！关于{topic}中的“{aspect}”问题（其他{others}等问题另行答复），现答复如下：",
    ][variant % 3]


def referral(topic, title, unit, number):
    return (
        f"您好！您来信反映“{title}”的问题已收悉。因该问题涉及您本人的{topic}具体办理信息，需要核实"
        f"个人材料后才能答复，请您携带身份证到{unit['name']}办事窗口当面咨询，或者在工作日拨打咨询电话"
        f"{phone(unit['code'], topic, str(number))}，工作人员将为您查询核实。感谢您对我们工作的理解和支持！"
    )


def build():
    """({unit: [import lines]}, dev queries, blind queries)."""
    files, dev, blind = {}, [], []
    demo_units = {fields["code"]: fields for fields in units()}
    for topic_number, (code, key, topic, items) in enumerate(TOPICS):
        unit, rng = demo_units[code], random.Random("short/" + key)
        aspects = [aspect for aspect, _title, _answer, _questions in items]
        referred = set(rng.sample(range(len(items)), 2))
        qa = []
        for number, (aspect, title, answer, questions) in enumerate(items, start=1):
            slug = f"yxs-{key}-{number}"
            closing = f"如有疑问，请拨打{unit['short_name']}咨询电话{phone(code, key, aspect)}。"
            body = opening(topic, aspects, aspect, title, topic_number + number) + answer + "\n" + closing
            qa.append({"slug": slug, "title": title, "body": body})
            if number - 1 in referred:
                qa.append(
                    {
                        "slug": f"{slug}-zx",
                        "title": f"关于{topic}{aspect}问题的咨询",
                        "body": referral(topic, title, unit, number),
                    }
                )
            for position, question in enumerate(questions):
                style = STYLES[(topic_number * 5 + number + position) % len(STYLES)]
                (blind if position == 3 else dev).append(
                    {
                        "query": messy(question, style, topic, rng, document=False),
                        "kind": kind_of(style),
                        "relevant": [slug],
                    }
                )
        files.setdefault(code, []).append(
            {
                "type": "policy",
                "slug": f"yxs-{key}",
                "title": f"{unit['name']}便民问答：{topic}",
                "policy_kind": "其他文件",
                "issuing_authority": unit["name"],
                "written_date": (datetime.date(2026, 1, 5) + datetime.timedelta(days=9 * topic_number)).isoformat(),
                "topic": TOPIC_CODES[code],
                "body": (
                    f"为方便群众了解{topic}相关政策，现将近期群众咨询较多的问题及答复汇编发布，供参考。"
                    "具体以现行政策文件和经办机构的答复为准。"
                ),
                "qa": qa,
            }
        )
    for prefix, queries in (("sd", dev), ("sb", blind)):
        for number, query in enumerate(queries, start=1):
            query["id"] = f"{prefix}{number:03d}"
    return files, dev, blind
