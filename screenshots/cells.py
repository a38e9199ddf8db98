#!/usr/bin/env python3
"""Filters around aha that keep a terminal capture on its cell grid.

  cells.py sgr  < capture.ans > fixed.ans
      aha drops SGR 2 (faint, which lipgloss uses): rewrite it as SGR 5
      (blink, which aha keeps as class "blink" and the template styles as
      faint) and make 22 (normal intensity) end it too. The 2 inside
      38;2;r;g;b / 48;2;… is a sub-parameter and is left alone.

  cells.py html TEMPLATE TITLE COLS ROWS [CAPTION] < aha.html > frame.html
      Browsers do not lay text out on a grid: a CJK glyph is 1 em wide but
      two monospace cells are 1.2 em. Wrap every non-ASCII character in an
      inline-block exactly 1ch or 2ch wide (East Asian Width W/F is 2, as
      tmux and go-runewidth count it; zero-width marks stay unwrapped), mark
      box-drawing characters so the template draws them at normal weight,
      and pour the result into the template. CAPTION, when given, is a
      line under the frame naming the keys pressed before it: its first
      line is a label, each further line a key (drawn as a key cap).
"""

import html
import re
import sys
import unicodedata

SGR = re.compile(r"\x1b\[([0-9;]*)m")


def fix_sgr(m):
    params = m.group(1).split(";") if m.group(1) else ["0"]
    out, i = [], 0
    while i < len(params):
        p = params[i]
        if p in ("38", "48", "58") and i + 1 < len(params):
            n = 3 if params[i + 1] == "5" else 5
            out.extend(params[i:i + n])
            i += n
            continue
        if p == "2":
            out.append("5")
        elif p == "22":
            out.extend(["22", "25"])
        else:
            out.append(p)
        i += 1
    return "\x1b[" + ";".join(out) + "m"


def cell(ch):
    if ord(ch) < 0x80:
        return ch
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return ch
    wide = unicodedata.east_asian_width(ch) in ("W", "F")
    cls = "w2" if wide else "w1"
    if 0x2500 <= ord(ch) <= 0x259F:
        cls += " bx"  # box drawing and blocks: normal weight, no gaps
    return f'<span class="{cls}">{ch}</span>'


def fix_html(text):
    # Only touch text between tags; aha's tags and attributes are ASCII.
    parts = re.split(r"(<[^>]*>)", text)
    return "".join(p if p.startswith("<") else "".join(map(cell, p)) for p in parts)


def caption(text):
    if not text:
        return ""
    label, *keys = text.split("\n")
    caps = "".join(f"<kbd>{html.escape(k)}</kbd>" for k in keys if k)
    return f'<div class="caption"><span>{html.escape(label)}</span>{caps}</div>'


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    data = sys.stdin.read()
    if mode == "sgr":
        sys.stdout.write(SGR.sub(fix_sgr, data))
        return 0
    if mode == "html" and len(sys.argv) in (6, 7):
        template, title, cols, rows = sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
        cap = sys.argv[6] if len(sys.argv) == 7 else ""
        with open(template, encoding="utf-8") as f:
            page = f.read()
        body = fix_html(data.rstrip("\n"))
        page = (page.replace("{{TITLE}}", html.escape(title))
                    .replace("{{COLS}}", cols).replace("{{ROWS}}", rows)
                    .replace("{{CAPTION}}", caption(cap))
                    .replace("{{SCREEN}}", body))
        sys.stdout.write(page)
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
