#!/usr/bin/env python3
"""Write made-up district reports as DOCX files, for measuring `--format html`
and `reportlint annotate` on realistic sizes (see scripts/measure_review.sh).

    python3 scripts/make_reports.py OUT_DIR COUNT KIB_OF_TEXT [SEED]

Every sentence comes from the templates below (no real report text). Runs are
split the way Word splits them (formatting changes, spell-check marks), there
are headings, tables with totals, and a few planted mistakes per file: a
doubled magnitude, a rate above 100 %, a share that does not match, a missing
magnitude, a wrong table total, a paragraph pasted twice.
"""
import random
import sys
import zipfile

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

PLACES = ["东城", "西湖", "南山", "北塘", "青石", "白沙", "柳岸", "松溪", "桃源", "云港"]
INDICATORS = [
    ("地区生产总值", "亿元"), ("一般公共预算收入", "亿元"), ("固定资产投资", "亿元"),
    ("社会消费品零售总额", "亿元"), ("外贸进出口总额", "亿元"), ("规模以上工业增加值", "亿元"),
    ("城镇居民人均可支配收入", "元"), ("农村居民人均可支配收入", "元"), ("实际利用外资", "亿美元"),
]
WORKS = [
    "新建改建农村公路{a}公里，完成危旧房改造{b}户。",
    "新增城镇就业{c}万人，城镇登记失业率控制在{d}%以内。",
    "开工保障性住房{e}万平方米，竣工{f}万平方米，惠及群众{g}户。",
    "新建中小学{h}所、幼儿园{i}所，新增学位{j}个。",
    "完成造林绿化{k}万亩，森林覆盖率达到{l}%。",
    "实施重点项目{m}个，完成投资{n}亿元，其中产业项目{o}个。",
    "城乡居民基本医疗保险参保率达到{p}%，基本养老保险参保率达到{q}%。",
]
HEADINGS = ["（一）经济运行稳中有进", "（二）产业结构持续优化", "（三）城乡建设提质增效",
            "（四）民生保障不断加强", "（五）生态环境持续改善", "（六）政府自身建设深入推进"]


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def runs(text, rnd):
    """The text as 1–4 runs, some bold, cut anywhere (even inside a number)."""
    cuts = sorted(rnd.sample(range(1, len(text)), min(len(text) - 1, rnd.randint(0, 3))))
    out, last = [], 0
    for c in cuts + [len(text)]:
        piece = text[last:c]
        last = c
        props = "<w:rPr><w:b/></w:rPr>" if rnd.random() < 0.15 else "<w:rPr><w:rFonts w:hint=\"eastAsia\"/></w:rPr>"
        out.append(f'<w:r w:rsidRPr="00{rnd.randint(100000, 999999)}">{props}<w:t xml:space="preserve">{esc(piece)}</w:t></w:r>')
    return "".join(out)


def para(text, rnd, style=None):
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{ppr}{runs(text, rnd)}</w:p>"


def table(rnd, wrong):
    parts = [rnd.randint(1000, 90000) for _ in range(3)]
    total = sum(parts) + (rnd.randint(100, 900) if wrong else 0)
    rows = [["项目", "金额"]] + [[n, f"{v:,}"] for n, v in zip(["税收收入", "非税收入", "转移性收入"], parts)] + [["合计", f"{total:,}"]]
    cells = "".join(
        "<w:tr>" + "".join(f"<w:tc><w:p>{runs(c, rnd)}</w:p></w:tc>" for c in r) + "</w:tr>" for r in rows
    )
    return para("表 一般公共预算收入情况", rnd) + para("单位：万元", rnd) + f"<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr>{cells}</w:tbl>"


def paragraph_text(rnd, place):
    ind, unit = rnd.choice(INDICATORS)
    v = round(rnd.uniform(20, 900), 1)
    s = f"{place}区全年{ind}{v}{unit}，增长{round(rnd.uniform(1, 12), 1)}%。"
    for t in rnd.sample(WORKS, 3):
        s += t.format(a=rnd.randint(10, 300), b=rnd.randint(100, 3000), c=round(rnd.uniform(0.5, 3), 2),
                      d=round(rnd.uniform(1.5, 3.5), 1), e=rnd.randint(10, 90), f=rnd.randint(10, 90),
                      g=rnd.randint(500, 9000), h=rnd.randint(1, 9), i=rnd.randint(1, 9), j=rnd.randint(1000, 9000),
                      k=round(rnd.uniform(1, 9), 1), l=round(rnd.uniform(40, 70), 1), m=rnd.randint(100, 200),
                      n=rnd.randint(50, 900), o=rnd.randint(10, 90), p=round(rnd.uniform(95, 99.9), 1),
                      q=round(rnd.uniform(90, 99.9), 1))
    return s


def report(rnd, kib):
    place = rnd.choice(PLACES)
    body = [para(f"{place}区2026年政府工作报告", rnd, "Title"), para("一、2025年工作回顾", rnd, "Heading1")]
    size, k = 0, 0
    planted = 0
    while size < kib * 1024:
        if k % 12 == 0:
            body.append(para(HEADINGS[(k // 12) % len(HEADINGS)], rnd, "Heading2"))
        text = paragraph_text(rnd, place)
        if k % 40 == 5:  # planted: doubled magnitude, rate above 100 %, missing magnitude
            text += ["固定资产投资完成62.51亿万元。", "城区就业率达到103.5%。",
                     "开工安置房40万平方米，竣工90万平方米，开竣工安置房68.9平方米。"][planted % 3]
            planted += 1
        if k % 40 == 25:  # planted: a share that does not match
            text += "全年地区生产总值372亿元。服务业增加值261亿元，占地区生产总值的比重为75%。"
        body.append(para(text, rnd))
        if k % 60 == 30:
            body.append(table(rnd, wrong=(k % 120 == 30)))
        if k % 90 == 45:
            body.append(para(text, rnd))  # pasted twice
        size += len(text.encode())
        k += 1
    body.append('<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>')
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W}"><w:body>{"".join(body)}</w:body></w:document>'


STYLES = f'''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W}"><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style></w:styles>'''
TYPES = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>'''
RELS = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'''
DOC_RELS = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>'''


def main():
    out, count, kib = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    seed = int(sys.argv[4]) if len(sys.argv) > 4 else 14
    import os
    os.makedirs(out, exist_ok=True)
    for i in range(count):
        rnd = random.Random(seed * 1000 + i)
        with zipfile.ZipFile(f"{out}/report{i:02}.docx", "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("[Content_Types].xml", TYPES)
            z.writestr("_rels/.rels", RELS)
            z.writestr("word/document.xml", report(rnd, kib))
            z.writestr("word/_rels/document.xml.rels", DOC_RELS)
            z.writestr("word/styles.xml", STYLES)


if __name__ == "__main__":
    main()
