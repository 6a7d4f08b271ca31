"""Make a plain question look like what citizens type: greetings, a pasted title in quotes, a stray
quotation mark, or a long story around the question (over 200 characters).

`messy(question, style, title, rng)` returns the text; the style is recorded as the query's kind
(question, quoted, stray_quote, long) so the evaluation reports each form separately.
"""

GREETINGS = [
    "你好，",
    "您好，请问",
    "请问一下，",
    "麻烦问一下，",
    "领导好，想咨询下，",
    "打扰了，",
    "你好，我想问个事，",
    "咨询一下，",
    "问下，",
    "您好！",
]
CLOSINGS = ["", "", "谢谢", "，谢谢！", "？麻烦回复", "，急！", "。盼回复", "？？"]
STORIES = [
    "我是龙泉镇下面村里的，平时在外地打工，一年只回来一两次，家里就老母亲一个人在，很多政策都不清楚，村里问了也说不明白，只好在网上留言问问。",
    "去年家里出了点事，花了不少钱，现在日子过得比较紧，听邻居说政府有相关的政策，但是具体怎么弄谁也讲不清楚，跑了两趟镇里也没碰到管这个事情的人。",
    "我年纪大了不太会用手机，这是让孙子帮我打的字，说得不对的地方请多包涵，就是想问清楚一件事，免得白跑。",
    "之前打过12345，说让我看文件，文件我也看了，太长了看不太懂，条条框框很多，所以再来问一下，希望工作人员能直接告诉我。",
    "我们一家三口住在县城，老婆没有固定工作，孩子还在读书，房贷每个月要还三千多，压力很大，身边朋友说可以去了解一下政府的政策。",
    "我在外省工作了好几年，今年刚回到云溪老家，对县里的各种规定都不熟悉，也不知道该去哪个部门问，网上搜了一圈，看到很多文件名字都差不多。",
    "说实话你们网站上的文件太多了，名字都很像，我搜了半天也不知道哪个才是我要找的，家里人也都不懂。",
    "前几天在村里的微信群里看到有人转发了一个通知，说是县里出了新政策，但是截图不全，只看到一半，后面的内容没看到。",
]


def messy(question, style, title, rng, document=True):
    """`title`: a document's title (document=True) or the topic a short answer belongs to."""
    if style == "quoted":
        forms = (
            [
                f"看到“{title}”这个文件，{question}",
                f"《{title}》里面说的，{question}",
                f"{question}，就是那个“{title}”",
                f'请问"{title}"，{question}',
            ]
            if document
            else [
                f"关于“{title}”的问题：{question}",
                f'咨询"{title}"：{question}',
                f"{question}（“{title}”方面的）",
                f"“{title}”{question}",
            ]
        )
        return rng.choice(forms)
    if style == "stray_quote":
        forms = [
            f"“{question}",
            f"{question}”",
            f'{rng.choice(GREETINGS)}"{question}',
            f'{question}"？',
            f"问下“{question}",
        ]
        return rng.choice(forms)
    if style == "long":
        # over 200 characters; one long question in four rambles on through five stories
        stories = rng.sample(STORIES, len(STORIES))
        text = f"{rng.choice(GREETINGS)}{''.join(stories[:2])}所以想问一下：{question}{rng.choice(CLOSINGS)}"
        extra = 3 if rng.random() < 0.25 else 0
        for story in stories[2:]:
            if len(text) > 200 and extra == 0:
                break
            text, extra = story + text, max(0, extra - 1)
        return text
    if style == "greeting":
        return f"{rng.choice(GREETINGS)}{question}{rng.choice(CLOSINGS)}"
    return question


# The style of the n-th question of a document: mostly plain, every form represented.
STYLES = ["plain", "greeting", "quoted", "plain", "long", "stray_quote", "greeting", "plain", "quoted", "long"]


def kind_of(style):
    return {
        "plain": "question",
        "greeting": "question",
        "quoted": "quoted",
        "stray_quote": "stray_quote",
        "long": "long",
    }[style]
