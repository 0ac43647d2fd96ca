#!/usr/bin/env python3
"""Renders collapsed stacks ("frame;frame;frame count" per line, async-profiler's `collapsed`
output) as a flame graph SVG, roots at the bottom, with each frame's share in its tooltip.
Usage: flame.py stacks.collapsed [title] > flame.svg"""
import html, sys, zlib

W, ROW, MIN_PX = 1600, 16, 0.4


def tree(lines):
    root = {"n": 0, "c": {}}
    for line in lines:
        stack, _, count = line.rstrip("\n").rpartition(" ")
        if not stack or not count.isdigit():
            continue
        n = int(count)
        root["n"] += n
        node = root
        for frame in stack.split(";"):
            node = node["c"].setdefault(frame, {"n": 0, "c": {}})
            node["n"] += n
    return root


def colour(name):
    h = zlib.crc32(name.encode()) % 60
    if "_[j]" in name or name.startswith(("java", "io/", "io.", "org", "com", "sun", "jdk")):
        return "rgb(%d,%d,%d)" % (80 + h, 170 + h // 2, 80)  # Java: green
    if "_[k]" in name:
        return "rgb(%d,%d,%d)" % (220, 150 + h, 60)  # kernel: orange
    return "rgb(%d,%d,%d)" % (220, 80 + h, 60)  # native / VM: red


def main():
    src = sys.argv[1]
    title = sys.argv[2] if len(sys.argv) > 2 else src
    root = tree(open(src))
    total = max(root["n"], 1)
    rects, depth_max = [], 0

    def walk(node, x, depth):
        nonlocal depth_max
        for name, child in sorted(node["c"].items()):
            w = child["n"] * W / total
            if w >= MIN_PX:
                rects.append((x, depth, w, name, child["n"]))
                depth_max = max(depth_max, depth)
                walk(child, x, depth + 1)
            x += w

    walk(root, 0.0, 0)
    height = (depth_max + 3) * ROW + 30
    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="monospace" font-size="11">' % (W, height),
           '<rect width="100%%" height="100%%" fill="#fafafa"/><text x="8" y="18" font-size="14">%s (%d samples)</text>'
           % (html.escape(title), total)]
    for x, depth, w, name, n in rects:
        y = height - (depth + 1) * ROW - 4
        label = html.escape(name)
        out.append('<g><title>%s: %d samples, %.2f %%</title><rect x="%.1f" y="%d" width="%.1f" height="%d" fill="%s" stroke="#fff" stroke-width="0.3"/>'
                   % (label, n, 100.0 * n / total, x, y, w, ROW - 1, colour(name)))
        chars = int(w / 6.6)
        if chars >= 3:
            text = name if len(name) <= chars else name[: chars - 2] + ".."
            out.append('<text x="%.1f" y="%d">%s</text>' % (x + 2, y + ROW - 4, html.escape(text)))
        out.append("</g>")
    out.append("</svg>")
    print("\n".join(out))


if __name__ == "__main__":
    main()
