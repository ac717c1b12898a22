"""The HTML report in a real browser: headless Chromium, offline, from a file:// URL.

Chromium runs with everything that could reach the network switched off and a throw-away
profile. Console messages (a script error, or a Content-Security-Policy violation if the page
tried to load anything) are read from Chromium's own log on stderr.
"""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from report_sample import full_report, hostile_report
from validator.report import html

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Chromium at /usr/bin/chromium "
                                                              "(Debian: apt-get install chromium)")
CONSOLE = re.compile(r":CONSOLE[:(]")  # how Chromium logs a page's console message
WIDTH, HEIGHT = 1200, 1600


def chromium(tmp_path: Path, page: Path, *mode: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-default-apps",
         f"--user-data-dir={tmp_path / 'profile'}", "--enable-logging=stderr", "--v=0", *mode, page.as_uri()],
        capture_output=True, text=True, timeout=120, check=True)


def console_messages(run: subprocess.CompletedProcess) -> list[str]:
    return [line for line in run.stderr.splitlines() if CONSOLE.search(line)]


def write(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def test_the_report_renders_with_its_timeline_and_no_console_message(tmp_path):
    run = chromium(tmp_path, write(tmp_path, "report.html", html.render(full_report())), "--dump-dom")
    dom = run.stdout
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="timeline"' in dom
    assert dom.count('class="bar"') >= 10
    assert "NOT READY" in dom and "Checklist" in dom and "work/acme-letter.pdf" in dom
    assert console_messages(run) == []


def test_hostile_text_stays_text_in_the_browser(tmp_path):
    run = chromium(tmp_path, write(tmp_path, "hostile.html", html.render(hostile_report())), "--dump-dom")
    assert "<script" not in run.stdout.lower()
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in run.stdout
    assert console_messages(run) == []


def test_the_console_check_would_catch_a_blocked_load_or_a_script_error(tmp_path):
    """The check above can fail: a page that breaks the report's rules does log to the console."""
    policy = html.render(full_report()).split("<title>")[0]  # the same head, CSP included
    page = write(tmp_path, "bad.html", policy + '<body><img src="http://127.0.0.1:9/x.png"></body></html>')
    assert console_messages(chromium(tmp_path, page, "--dump-dom"))


def test_screenshot_is_a_real_page(tmp_path):
    shot = tmp_path / "report.png"
    chromium(tmp_path, write(tmp_path, "report.html", html.render(full_report())),
             f"--screenshot={shot}", f"--window-size={WIDTH},{HEIGHT}")
    assert shot.stat().st_size > 50_000  # a blank page compresses to a few kilobytes
    image = Image.open(shot).convert("RGB")
    assert image.size == (WIDTH, HEIGHT)
    colours = image.getcolors(maxcolors=1 << 20)
    assert len(colours) > 500  # text, antialiasing, bars: not a blank or flat page
    non_white = sum(count for count, rgb in colours if rgb != (255, 255, 255))
    assert non_white > 0.05 * WIDTH * HEIGHT
    assert _near(image, (0xb4, 0x23, 0x18), box=(WIDTH // 2, 0, WIDTH, 200))  # the NOT READY badge, top right
    assert _near(image, (0x4c, 0x78, 0xa8), box=(0, 200, WIDTH, HEIGHT))  # a residence bar of the timeline


def _near(image: Image.Image, rgb: tuple[int, int, int], box: tuple[int, int, int, int], tolerance: int = 12) -> bool:
    region = image.crop(box)
    return any(all(abs(a - b) <= tolerance for a, b in zip(pixel, rgb, strict=True))
               for _, pixel in region.getcolors(1 << 20))
