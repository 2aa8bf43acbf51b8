#!/usr/bin/env python3
"""Make Hugo and Zola sites from the report bodies of a generated council, so
the benchmark compares generators on the same Markdown (minimal templates).

Usage: bench/other_sites.py SITE HUGO_DIR ZOLA_DIR
"""
import os
import sys


def reports(site):
    base = os.path.join(site, "content", "meetings")
    for meeting in sorted(os.listdir(base)):
        rdir = os.path.join(base, meeting, "reports")
        if not os.path.isdir(rdir):
            continue
        for name in sorted(os.listdir(rdir)):
            if name.endswith(".md"):
                text = open(os.path.join(rdir, name), encoding="utf-8").read()
                _, front, body = text.split("---\n", 2)
                title = next(l[7:] for l in front.splitlines() if l.startswith("title: "))
                yield f"{name[:-3]}-of-{meeting}", title, body


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def main():
    site, hugo, zola = sys.argv[1:4]
    write(os.path.join(hugo, "config.toml"), 'baseURL = "https://bench.example/"\ntitle = "Bench"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n')
    write(os.path.join(hugo, "layouts", "_default", "single.html"), "<!DOCTYPE html><html lang=\"en\"><head><title>{{ .Title }}</title></head><body><main><h1>{{ .Title }}</h1>{{ .Content }}</main></body></html>\n")
    write(os.path.join(hugo, "layouts", "_default", "list.html"), "<!DOCTYPE html><html lang=\"en\"><head><title>{{ .Title }}</title></head><body><main><h1>{{ .Title }}</h1></main></body></html>\n")
    write(os.path.join(hugo, "layouts", "index.html"), "<!DOCTYPE html><html lang=\"en\"><head><title>Bench</title></head><body><main><h1>Bench</h1></main></body></html>\n")
    write(os.path.join(zola, "config.toml"), 'base_url = "https://bench.example"\ntitle = "Bench"\ncompile_sass = false\nbuild_search_index = false\ngenerate_feeds = false\n')
    write(os.path.join(zola, "templates", "page.html"), "<!DOCTYPE html><html lang=\"en\"><head><title>{{ page.title }}</title></head><body><main><h1>{{ page.title }}</h1>{{ page.content | safe }}</main></body></html>\n")
    write(os.path.join(zola, "templates", "section.html"), "<!DOCTYPE html><html lang=\"en\"><head><title>{{ section.title }}</title></head><body><main><h1>{{ section.title }}</h1></main></body></html>\n")
    write(os.path.join(zola, "templates", "index.html"), "<!DOCTYPE html><html lang=\"en\"><head><title>Bench</title></head><body><main><h1>Bench</h1></main></body></html>\n")
    write(os.path.join(zola, "content", "_index.md"), "+++\ntitle = \"Bench\"\n+++\n")
    write(os.path.join(zola, "content", "reports", "_index.md"), "+++\ntitle = \"Reports\"\n+++\n")
    for slug, title, body in reports(site):
        t = title.replace('"', "'")
        write(os.path.join(hugo, "content", "reports", f"{slug}.md"), f"---\ntitle: \"{t}\"\n---\n{body}")
        write(os.path.join(zola, "content", "reports", f"{slug}.md"), f"+++\ntitle = \"{t}\"\n+++\n{body}")


if __name__ == "__main__":
    main()
