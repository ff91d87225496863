#!/usr/bin/env python3
"""Reliability sweep of the reportlint binary (issue 8): every output format
on the real reports, on crafted hostile files and on mutated documents.

Counts, per format: runs, exit codes outside {0, 1, 2}, invalid outputs
(json/sarif/junit must parse, jsonl line by line, text formats must be UTF-8
and end with their summary), internal errors (a panic caught per file) and
time-outs. Also runs --diff, --fix (on copies) and baseline write/read on
each batch of mutated documents.

    python3 fuzz/sweep.py --bin target/release/reportlint --mutated 2000
"""

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import xml.dom.minidom
import zipfile
from collections import Counter, defaultdict

FORMATS = ["human", "concise", "json", "jsonl", "sarif", "github", "junit"]


def valid_output(fmt, out):
    try:
        text = out.decode("utf-8")
    except UnicodeDecodeError:
        return False
    if fmt in ("json", "sarif"):
        try:
            json.loads(text)
        except ValueError:
            return False
        return True
    if fmt == "jsonl":
        try:
            for line in text.splitlines():
                json.loads(line)
        except ValueError:
            return False
        return True
    if fmt == "junit":
        try:
            xml.dom.minidom.parseString(out)
        except Exception:
            return False
        return True
    if fmt in ("human", "concise"):
        return " in " in text.rstrip("\n").rsplit("\n", 1)[-1]
    return True  # github: any UTF-8 lines


class Stats:
    def __init__(self):
        self.runs = Counter()
        self.bad_exit = defaultdict(list)
        self.invalid = defaultdict(list)
        self.internal = defaultdict(list)
        self.timeouts = defaultdict(list)
        self.codes = Counter()

    def run(self, binary, args, fmt, label, timeout=120, cwd=None):
        cmd = [binary] + args
        self.runs[fmt] += 1
        try:
            p = subprocess.run(cmd, capture_output=True, timeout=timeout, cwd=cwd,
                               stdin=subprocess.DEVNULL, env=dict(os.environ, NO_COLOR="1"))
        except subprocess.TimeoutExpired:
            self.timeouts[fmt].append(label)
            return None
        self.codes[p.returncode] += 1
        if p.returncode not in (0, 1, 2):
            self.bad_exit[fmt].append((label, p.returncode, p.stderr[-300:]))
        if b"internal error" in p.stderr or b"panicked" in p.stderr:
            self.internal[fmt].append((label, p.stderr[-500:]))
        if fmt in FORMATS and p.returncode in (0, 1, 2) and not valid_output(fmt, p.stdout):
            self.invalid[fmt].append(label)
        return p


def crafted(dirname):
    """Hostile and odd inputs: (name, bytes). Files that need special set-up
    (a folder, a missing path) are made here too."""
    files = []
    para = "a" + "各项工作稳步推进。" * 23
    add = lambda n, b: files.append((n, b if isinstance(b, bytes) else b.encode()))
    add("empty.txt", b"")
    add("bom_only.txt", b"\xef\xbb\xbf")
    add("nul.txt", b"\0" * 100000)
    add("png.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 50)
    add("long_duplicate.txt", para + "\n\n" + para + "\n")
    add("markup_fix.html", "<p>增长<b>7.9%</b>%。</p>\n")
    add("markup_fix.md", "增长**7.9%**%。\n")
    add("triple_percent.txt", "增长7.9%%%。\n")
    add("gbk.txt", "全年完成投资增长7.9%%，各项工作稳步推进。\n".encode("gbk"))
    add("utf16le_bom.txt", "\ufeff增长7.9%%。\n".encode("utf-16-le"))
    add("utf16be_nobom.txt", "全年增长7.9%，投资62.51亿万元。\n".encode("utf-16-be"))
    add("utf16le_nobom.txt", "全年增长7.9%，投资62.51亿万元。\n".encode("utf-16-le"))
    bad = ("各项工作稳步推进，全年增长百分之五。\n" * 8).encode()
    add("damaged_utf8.txt", bad[:200] + b"\xff" + bad[200:])
    add("long_line.txt", "增长7.9%%，投资62.51亿万元，" * 40000)
    add("many_lines.txt", "增长7.9%。\n" * 200000)
    add("crlf.txt", "增长7.9%%。\r\n投资62.51亿万元。\r\n" * 100)
    add("lone_cr.txt", "增长7.9%%。\r投资62.51亿万元。\r" * 100)
    add("unclosed_comment.md", "增长7.9%。\n\n<!-- 草稿\n\n投资62.51亿万元。\n")
    add("unknown_suppression.md", "<!-- reportlint-disable-next-line magnitude/dobled -->\n投资62.51亿万元。\n")
    add("entities.html", "<p>" + "&amp;&#x201D;&nbsp;&#99999999;&bogus;" * 2000 + "</p>")
    add("deep.html", "<div>" * 50000 + "增长7.9%%" + "</div>" * 50000)
    add("pipes.md", "|" * 100000 + "\n" + "|---" * 1000 + "\n")
    add("table.md", "| a | 合计 |\n|---|---|\n" + "| 甲 | 12.5 |\n" * 5000)
    add("nested_lists.md", "".join("  " * i + "- 增长7.9%\n" for i in range(2000)))
    add("control_chars.txt", "".join(chr(i) for i in range(1, 32)) * 100 + "增长7.9%%")
    add("surrogates_escaped.html", "<p>&#xD800;&#xDFFF;&#0;</p>")
    add("weird_ws.txt", "\u3000\u2028\u2029\u200b\ufeff增长7.9%%" * 1000)
    add("directives.txt", "reportlint-disable\nreportlint-enable\nreportlint-disable-line --\n" * 1000)
    # DOCX: truncated, a ZIP bomb and a document with a huge styles part.
    sample = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "input_report.docx")
    docx = open(sample, "rb").read()
    add("truncated.docx", docx[: len(docx) // 2])
    bomb = os.path.join(dirname, "bomb.docx")
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            chunk = b"\0" * (1 << 20)
            for _ in range(1024):
                f.write(chunk)
    files.append(("bomb.docx", None))
    add("not_a_zip.docx", "不是压缩包")
    add("empty_zip.docx", b"PK\x05\x06" + b"\0" * 18)
    paths = []
    for name, data in files:
        p = os.path.join(dirname, name)
        if data is not None:
            with open(p, "wb") as f:
                f.write(data)
        paths.append(p)
    os.mkdir(os.path.join(dirname, "a_folder"))
    with open(os.path.join(dirname, "a_folder", "x.md"), "w") as f:
        f.write("增长7.9%%。\n")
    paths.append(os.path.join(dirname, "a_folder"))
    paths.append(os.path.join(dirname, "does_not_exist.txt"))
    return paths


def mutate(rng, data):
    b = bytearray(data)
    for _ in range(rng.randint(1, 12)):
        op = rng.random()
        if not b:
            b += bytes([rng.randrange(256)])
            continue
        i = rng.randrange(len(b))
        if op < 0.3:
            b[i] = rng.randrange(256)
        elif op < 0.5:
            del b[i: i + rng.randint(1, 64)]
        elif op < 0.7:
            j = rng.randrange(len(b))
            b[i:i] = b[j: j + rng.randint(1, 2000)]
        elif op < 0.85:
            b[i:i] = rng.choice([b"%%", "亿万".encode(), b"<!--", b"-->", b"**", b"<b>", b"</b>",
                                 b"\n\n", b"|", b"&amp;", b"\xef\xbb\xbf", b"\0", b"\xe5\x90"])
        else:
            b = b[: i]
    return bytes(b)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--corpus", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared", "corpus"))
    ap.add_argument("--mutated", type=int, default=1000)
    ap.add_argument("--batch", type=int, default=50)
    ap.add_argument("--seed", type=int, default=8)
    a = ap.parse_args()
    binary = os.path.abspath(a.bin)
    rng = random.Random(a.seed)
    st = Stats()
    t0 = time.time()
    corpus = os.path.abspath(a.corpus)
    real = [os.path.join(corpus, "gongshu_2014_work_report.txt")]
    real += sorted(os.path.join(corpus, "real", f) for f in os.listdir(os.path.join(corpus, "real")))
    with tempfile.TemporaryDirectory() as tmp:
        # 1. Real files, each alone, every format.
        for p in real:
            for fmt in FORMATS:
                st.run(binary, ["check", "--format", fmt, p], fmt, "real:" + os.path.basename(p))
        t_real = time.time() - t0
        # 2. Crafted files, each alone, every format.
        cdir = os.path.join(tmp, "crafted")
        os.mkdir(cdir)
        crafted_paths = crafted(cdir)
        for p in crafted_paths:
            for fmt in FORMATS:
                st.run(binary, ["check", "--format", fmt, p], fmt, "crafted:" + os.path.basename(p))
        # 3. Mutated documents in batches, every format, plus --diff, --fix and baselines.
        sources = [open(p, "rb").read() for p in real]
        for fx in ("input_report.md", "input_report.html", "input_report.txt", "input_report.docx"):
            sources.append(open(os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", fx), "rb").read())
        exts = [".txt", ".md", ".html", ".docx", ".txt"]
        n_done = 0
        batch_no = 0
        while n_done < a.mutated:
            bdir = os.path.join(tmp, f"b{batch_no}")
            os.mkdir(bdir)
            paths = []
            for k in range(min(a.batch, a.mutated - n_done)):
                src = rng.choice(sources)
                # Small windows of large reports keep each document quick.
                if len(src) > 20000:
                    s = rng.randrange(len(src) - 20000)
                    src = src[s: s + 20000]
                data = mutate(rng, src)
                p = os.path.join(bdir, f"m{k}{rng.choice(exts)}")
                with open(p, "wb") as f:
                    f.write(data)
                paths.append(p)
            n_done += len(paths)
            label = f"batch{batch_no}"
            for fmt in FORMATS:
                st.run(binary, ["check", "--format", fmt] + paths, fmt, label)
            st.run(binary, ["check", "--diff"] + paths, "diff", label)
            st.run(binary, ["check", "--write-baseline", os.path.join(bdir, "b.json")] + paths, "baseline", label)
            st.run(binary, ["check", "--baseline", os.path.join(bdir, "b.json"), "--format", "json"] + paths, "json", label + "+baseline")
            st.run(binary, ["check", "--fix", "--unsafe-fixes"] + paths, "fix", label)
            again = st.run(binary, ["check", "--diff", "--unsafe-fixes"] + paths, "fix-again", label)
            if again is not None and again.stdout.strip():
                # A second run after --fix must have nothing left to change.
                st.invalid["fix-again"].append((label, again.stdout[:300]))
            shutil.rmtree(bdir)
            batch_no += 1
    total = sum(st.runs.values())
    print(f"real files: {len(real)}, crafted inputs: {len(crafted_paths)}, mutated documents: {a.mutated} "
          f"in {batch_no} batches")
    print(f"runs: {total} ({dict(st.runs)}); exit codes: {dict(st.codes)}; time {time.time() - t0:.0f} s "
          f"(real files {t_real:.0f} s)")
    print(f"exit codes outside {{0,1,2}}: {sum(len(v) for v in st.bad_exit.values())}")
    print(f"invalid outputs: {sum(len(v) for v in st.invalid.values())}")
    print(f"internal errors (caught panics): {sum(len(v) for v in st.internal.values())}")
    print(f"time-outs: {sum(len(v) for v in st.timeouts.values())}")
    for name, d in [("bad exit", st.bad_exit), ("invalid", st.invalid), ("internal", st.internal),
                    ("timeout", st.timeouts)]:
        for fmt, items in d.items():
            for it in items[:5]:
                print(f"  {name} [{fmt}]: {it}")
    bad = any(d for d in (st.bad_exit, st.invalid, st.internal, st.timeouts))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
