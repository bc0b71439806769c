"""Site profiles: the shipped TOML files, validation messages, directory overrides, URL lookup."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from newscrawler.sites import (
    SHIPPED_DIR,
    ProfileError,
    SiteProfile,
    adhoc_profile,
    load_profile,
    load_profiles,
    parse_duration,
    profile_for_url,
    split_sites_dirs,
)

from .conftest import REPO

GOOD = """\
name = "example"
title = "示例网"
domains = ["example.cn"]
start_urls = ["https://www.example.cn/"]
"""


def _write(folder: Path, filename: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / filename
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- shipped profiles


def test_the_shipped_profiles_load() -> None:
    profiles = load_profiles()
    assert sorted(profiles) == ["demo", "netease", "people", "sina", "thepaper", "xinhua"]
    titles = {name: p.title for name, p in profiles.items()}
    assert titles["people"] == "人民网" and titles["xinhua"] == "新华网" and titles["netease"] == "网易"
    assert titles["sina"] == "新浪" and titles["thepaper"] == "澎湃新闻"
    for profile in profiles.values():
        assert profile.domains and (profile.start_urls or profile.feeds or profile.sitemaps), profile.name
        assert profile.article_patterns and profile.list_patterns, profile.name
        assert profile.source is not None and profile.source.parent == SHIPPED_DIR


def test_the_portal_profiles_say_they_are_unverified() -> None:
    for path in sorted(SHIPPED_DIR.glob("*.toml")):
        if path.stem != "demo":
            assert "NOT verified" in path.read_text(encoding="utf-8"), path.name


def test_the_demo_profile_is_the_one_the_demo_portal_needs() -> None:
    demo = load_profiles()["demo"]
    assert demo.domains == ("127.0.0.1", "localhost")
    assert (demo.start_urls, demo.feeds, demo.sitemaps) == (("/",), ("/rss.xml",), ("/sitemap.xml",))
    assert (demo.depth, demo.delay, demo.concurrency, demo.interval) == (3, 0.0, 4, 7200.0)
    assert demo.needs_base_url
    assert demo.classify("http://127.0.0.1:8080/news/2023/04/17/river-festival.html") == "article"
    assert demo.classify("http://127.0.0.1:8080/channel/finance/") == "list"
    assert demo.classify("http://127.0.0.1:8080/channel/finance/index_2.html") == "list"
    assert demo.classify("http://127.0.0.1:8080/about.html") is None


@pytest.mark.parametrize(
    ("site", "url", "expected"),
    [
        ("people", "http://politics.people.com.cn/n1/2023/0417/c1001-32665511.html", "article"),
        ("people", "http://politics.people.com.cn/n1/2023/0417/c1001-32665511-2.html", "article"),
        ("people", "http://sh.people.com.cn/n2/2023/0417/c134768-40380187.html", "article"),
        ("people", "http://politics.people.com.cn/GB/1024/index.html", "list"),
        ("people", "http://world.people.com.cn/", "list"),
        ("people", "http://liuyan.people.com.cn/threads/list", "excluded"),
        ("xinhua", "http://www.news.cn/politics/2023-04/17/c_1129527383.htm", "article"),
        ("xinhua", "http://www.xinhuanet.com/politics/2019-04/17/c_1124377777.htm", "article"),
        ("xinhua", "http://www.news.cn/politics/20230417/0b1ec2f5e6e84a2a9b6c1f6a2d3e4f50/c.html", "article"),
        ("xinhua", "http://www.news.cn/politics/", "list"),
        ("xinhua", "http://www.news.cn/english/2023-04/17/c_1310711111.htm", "excluded"),
        ("netease", "https://news.163.com/23/0417/09/I2J9K8L90519DDQ2.html", "article"),
        ("netease", "https://www.163.com/dy/article/I2J9K8L90519DDQ2.html", "article"),
        ("netease", "https://news.163.com/domestic/", "list"),
        ("netease", "https://money.163.com/special/00259BVP/news_flow_index_02.html", "list"),
        ("netease", "http://comment.tie.163.com/I2J9K8L90519DDQ2.html", "excluded"),
        ("netease", "https://news.163.com/photoview/00AP0001/2300001.html", "excluded"),
        ("sina", "https://news.sina.com.cn/c/2023-04-17/doc-imyqrxxx1234567.shtml", "article"),
        ("sina", "https://finance.sina.com.cn/roll/2018-12-28/doc-ihqfskcn2160999.shtml", "article"),
        ("sina", "https://news.sina.com.cn/china/", "list"),
        ("sina", "http://roll.finance.sina.com.cn/finance/gjs/hjzx/index.shtml", "list"),
        ("sina", "http://slide.news.sina.com.cn/c/slide_1_2841_123456.html", "excluded"),
        ("thepaper", "https://www.thepaper.cn/newsDetail_forward_22742319", "article"),
        ("thepaper", "https://www.thepaper.cn/channel_25950", "list"),
        ("thepaper", "https://www.thepaper.cn/", "list"),
    ],
)
def test_shipped_patterns_classify_the_portals_urls(site: str, url: str, expected: str) -> None:
    profile = load_profiles()[site]
    assert profile.is_on_site(url)
    assert profile.classify(url) == expected


# --------------------------------------------------------------------------- validation messages


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (GOOD + "delay = 'abc'\n", "key 'delay': expected a number, got 'abc'"),
        (GOOD + "delay = true\n", "key 'delay': expected a number, got true"),
        (GOOD + "delay = -1\n", "key 'delay': expected a number >= 0, got -1"),
        (GOOD + "depth = '3'\n", "key 'depth': expected an integer, got '3'"),
        (GOOD + "concurrency = 0\n", "key 'concurrency': expected an integer >= 1, got 0"),
        (GOOD + "title = 5\n", None),  # title is set twice: TOML itself refuses (checked below)
        (GOOD.replace('"示例网"', "5"), "key 'title': expected a string, got 5"),
        (GOOD + "dealy = 2\n", "unknown key 'dealy' (did you mean 'delay'?)"),
        (GOOD + "start_url = []\n", "unknown key 'start_url' (did you mean 'start_urls'?)"),
        (
            GOOD + "colour = 'red'\n",
            "unknown key 'colour' (known keys: name, title, domains, start_urls, feeds, sitemaps, "
            "article_patterns, list_patterns, exclude_patterns, depth, delay, concurrency, interval, "
            "selectors, encoding, watch)",
        ),
        (GOOD.replace('name = "example"\n', ""), "missing required key 'name'"),
        (GOOD.replace('domains = ["example.cn"]\n', ""), "missing required key 'domains'"),
        (
            GOOD.replace('start_urls = ["https://www.example.cn/"]\n', ""),
            "missing required key 'start_urls' (or 'feeds' or 'sitemaps')",
        ),
        (
            GOOD + "article_patterns = ['/news/(\\d+']\n",
            "key 'article_patterns': bad regex '/news/(\\d+': missing ), unterminated subpattern at position 6",
        ),
        (
            GOOD + "list_patterns = ['ok', '[a-']\n",
            "key 'list_patterns': bad regex '[a-': unterminated character set at position 0",
        ),
        (GOOD + "interval = '2 hours'\n",
         "key 'interval': expected a duration such as '30m', '2h' or '1d', got '2 hours'"),
        (GOOD + "interval = '0h'\n", "key 'interval': expected a duration such as '30m', '2h' or '1d', got '0h'"),
        (GOOD + "interval = [1]\n", "key 'interval': expected a duration such as '30m', '2h' or '1d', got [1]"),
        (GOOD.replace('["example.cn"]', '"example.cn"'),
         "key 'domains': expected a list of strings, got 'example.cn'"),
        (GOOD.replace('["example.cn"]', '["http://example.cn/"]'),
         "key 'domains': expected host names such as 'people.com.cn', got 'http://example.cn/'"),
        (GOOD.replace('["example.cn"]', "[]"), "key 'domains': expected at least one host name, got []"),
        (GOOD.replace('"https://www.example.cn/"', '"www.example.cn"'),
         "key 'start_urls': expected an absolute http(s) URL or a path beginning with '/', got 'www.example.cn'"),
        (GOOD + "feeds = ['rss.xml']\n",
         "key 'feeds': expected an absolute http(s) URL or a path beginning with '/', got 'rss.xml'"),
        (GOOD.replace('"example"', '"人民网"'),
         "key 'name': expected an ASCII slug (a-z, 0-9, '-', '_'), got '人民网'"),
        (GOOD + "encoding = 'gbkk'\n", "key 'encoding': unknown encoding 'gbkk'"),
        (GOOD + "[selectors]\ntitel = 'h1'\n", "unknown key 'selectors.titel' (did you mean 'selectors.title'?)"),
        (GOOD + "selectors = 'h1'\n", "key 'selectors': expected a table with keys title, body, date, got 'h1'"),
        (GOOD + "[selectors]\nbody = ''\n",
         "key 'selectors.body': expected a CSS selector or an XPath expression, got ''"),
    ],
)
def test_each_validation_error_is_one_line_naming_file_and_key(tmp_path: Path, text: str, message: str | None) -> None:
    path = _write(tmp_path, "example.toml", text)
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    error = str(caught.value)
    assert "\n" not in error
    if message is None:
        assert error.startswith(f"{path}: invalid TOML: ")
    else:
        assert error == f"{path}: {message}"


@pytest.mark.parametrize(
    ("selector", "start"),
    [
        ("title = 'h1['", "key 'selectors.title': bad CSS selector 'h1[': "),
        ("date = '//span[@class='", "key 'selectors.date': bad XPath '//span[@class=': "),
    ],
)
def test_bad_selectors_are_named(tmp_path: Path, selector: str, start: str) -> None:
    path = _write(tmp_path, "example.toml", GOOD + f"[selectors]\n{selector}\n")
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    assert str(caught.value).startswith(f"{path}: {start}") and "\n" not in str(caught.value)


def test_a_file_that_is_not_utf8_is_named(tmp_path: Path) -> None:
    path = tmp_path / "gbk.toml"
    path.write_bytes(GOOD.encode("gb18030"))
    with pytest.raises(ProfileError, match=r"gbk\.toml: not UTF-8 text"):
        load_profile(path)


def test_a_full_profile_loads_with_its_types(tmp_path: Path) -> None:
    path = _write(tmp_path, "full.toml", GOOD + """\
feeds = ["/rss.xml"]
sitemaps = ["https://www.example.cn/sitemap.xml"]
article_patterns = ['/a/\\d+\\.html$']
list_patterns = ['/list/']
exclude_patterns = ['/a/0\\.html$']
depth = 4
delay = 2
concurrency = 3
interval = "1h30m"
encoding = "GBK"
[selectors]
title = "h1.headline"
body = "//div[@id='text']"
date = "span.time"
""")
    profile = load_profile(path)
    assert profile.name == "example" and profile.title == "示例网" and profile.domains == ("example.cn",)
    assert (profile.depth, profile.delay, profile.concurrency, profile.interval) == (4, 2.0, 3, 5400.0)
    assert isinstance(profile.delay, float)
    assert profile.encoding == "gbk"
    assert dict(profile.selectors) == {"title": "h1.headline", "body": "//div[@id='text']", "date": "span.time"}
    assert profile.classify("https://www.example.cn/a/0.html") == "excluded"
    assert profile.classify("https://www.example.cn/a/12.html") == "article"
    assert profile.classify("https://www.example.cn/list/") == "list"
    assert profile.classify("https://www.example.cn/about/") is None
    assert profile.source == path
    with pytest.raises(AttributeError):
        profile.name = "other"  # type: ignore[misc]


# --------------------------------------------------------------------------- directories


def test_a_user_directory_overrides_a_shipped_profile_and_adds_sites(tmp_path: Path) -> None:
    mine = _write(tmp_path / "mine", "my-people.toml",
                  'name = "people"\ntitle = "人民网(本地)"\ndomains = ["people.com.cn"]\n'
                  'start_urls = ["http://www.people.com.cn/"]\ndelay = 5\n')
    _write(tmp_path / "mine", "example.toml", GOOD)
    profiles = load_profiles([tmp_path / "mine"])
    assert profiles["people"].delay == 5.0 and profiles["people"].source == mine
    assert profiles["example"].title == "示例网"
    assert profiles["sina"].source == SHIPPED_DIR / "sina.toml"
    assert list(profiles) == sorted(profiles)
    assert load_profiles()["people"].delay == 1.0


def test_later_user_directories_override_earlier_ones(tmp_path: Path) -> None:
    _write(tmp_path / "a", "example.toml", GOOD + "depth = 1\n")
    _write(tmp_path / "b", "renamed.toml", GOOD + "depth = 5\n")
    assert load_profiles([tmp_path / "a", tmp_path / "b"])["example"].depth == 5
    assert load_profiles([tmp_path / "b", tmp_path / "a"])["example"].depth == 1
    assert "people" not in load_profiles([tmp_path / "a"], shipped=False)


def test_the_shipped_directory_given_again_is_read_once(tmp_path: Path) -> None:
    _write(tmp_path / "a", "people.toml", GOOD.replace('"example"', '"people"'))
    profiles = load_profiles([SHIPPED_DIR, tmp_path / "a"])
    assert profiles["people"].domains == ("example.cn",)


def test_two_files_with_one_name_in_a_directory_are_an_error(tmp_path: Path) -> None:
    first = _write(tmp_path, "a.toml", GOOD)
    second = _write(tmp_path, "b.toml", GOOD)
    with pytest.raises(ProfileError) as caught:
        load_profiles([tmp_path])
    assert str(caught.value) == f"{second}: key 'name': site 'example' is already defined in {first}"


def test_a_missing_directory_and_a_broken_profile_in_a_directory_are_named(tmp_path: Path) -> None:
    with pytest.raises(ProfileError) as caught:
        load_profiles([tmp_path / "nowhere"])
    assert str(caught.value) == f"{tmp_path / 'nowhere'}: site profile directory does not exist"
    bad = _write(tmp_path / "d", "bad.toml", GOOD + "dealy = 1\n")
    with pytest.raises(ProfileError, match=f"^{bad}: unknown key 'dealy'"):
        load_profiles([tmp_path / "d"])


def test_split_sites_dirs_reads_a_pathsep_value() -> None:
    import os

    value = os.pathsep.join(["/srv/sites", "", "relative/sites", " "])
    assert split_sites_dirs(value) == [Path("/srv/sites"), Path("relative/sites")]
    assert split_sites_dirs(None) == [] and split_sites_dirs("") == []


# --------------------------------------------------------------------------- URL lookup


def test_profile_for_url_prefers_the_longest_matching_domain(tmp_path: Path) -> None:
    _write(tmp_path, "sina-finance.toml", 'name = "sina-finance"\ndomains = ["finance.sina.com.cn"]\n'
                                         'start_urls = ["https://finance.sina.com.cn/"]\n')
    profiles = load_profiles([tmp_path])
    finance = "https://finance.sina.com.cn/roll/2018-12-28/doc-ihqfskcn2160999.shtml"
    assert profile_for_url(finance, profiles) is profiles["sina-finance"]
    assert profile_for_url("https://news.sina.com.cn/china/", profiles) is profiles["sina"]
    assert profile_for_url("https://news.sina.com.cn/china/", list(profiles.values())) is profiles["sina"]
    assert profile_for_url("http://www.xinhuanet.com/local/2020-02/19/c_1125597921.htm", profiles) is profiles["xinhua"]
    assert profile_for_url("http://127.0.0.1:8765/rss.xml", profiles) is profiles["demo"]
    assert profile_for_url("HTTP://WWW.PEOPLE.COM.CN./", profiles) is profiles["people"]


@pytest.mark.parametrize(
    "url",
    ["http://people.com.cn.evil.example/", "http://notpeople.com.cn/", "https://example.org/", "mailto:a@people.com.cn",
     "not a url", ""],
)
def test_hosts_outside_every_profile_have_none(url: str) -> None:
    assert profile_for_url(url, load_profiles()) is None


def test_is_on_site_matches_the_host_or_its_subdomains_only() -> None:
    people = load_profiles()["people"]
    assert people.is_on_site("http://people.com.cn/") and people.is_on_site("https://politics.people.com.cn/x")
    assert not people.is_on_site("http://xpeople.com.cn/") and not people.is_on_site("/n1/2023/0417/c1-2.html")


def test_resolved_joins_paths_to_the_base_url() -> None:
    demo = load_profiles()["demo"]
    resolved = demo.resolved("http://127.0.0.1:8765")
    assert resolved.start_urls == ("http://127.0.0.1:8765/",)
    assert resolved.feeds == ("http://127.0.0.1:8765/rss.xml",)
    assert resolved.sitemaps == ("http://127.0.0.1:8765/sitemap.xml",)
    assert not resolved.needs_base_url and resolved.name == "demo"
    assert demo.resolved("http://127.0.0.1:8765/portal/?x=1").feeds == ("http://127.0.0.1:8765/portal/rss.xml",)
    with pytest.raises(ProfileError, match="give --base-url"):
        demo.resolved(None)
    with pytest.raises(ProfileError, match="expected an absolute http"):
        demo.resolved("127.0.0.1:8765")
    people = load_profiles()["people"]
    assert people.resolved(None) is people


def test_a_profile_can_be_built_in_code_and_ad_hoc() -> None:
    profile = SiteProfile(name="x", domains=("example.cn",), start_urls=("https://example.cn/",))
    assert profile.classify("https://example.cn/a/1.html") is None and profile.depth == 2
    adhoc = adhoc_profile(["https://www.example.cn/", " https://news.other.cn/china/ ", ""])
    assert adhoc.domains == ("example.cn", "news.other.cn")
    assert adhoc.start_urls == ("https://www.example.cn/", "https://news.other.cn/china/")
    assert adhoc.is_on_site("https://finance.example.cn/")
    with pytest.raises(ProfileError, match="expected an absolute http"):
        adhoc_profile(["www.example.cn"])
    with pytest.raises(ProfileError, match="at least one URL"):
        adhoc_profile([])


@pytest.mark.parametrize(
    ("value", "seconds"),
    [("90s", 90.0), ("30m", 1800.0), ("2h", 7200.0), ("1d", 86400.0), ("1w", 604800.0), ("1h30m", 5400.0),
     ("1.5h", 5400.0), (" 2H ", 7200.0), (3600, 3600.0), (0.5, 0.5)],
)
def test_parse_duration(value: str | float, seconds: float) -> None:
    assert parse_duration(value) == seconds


@pytest.mark.parametrize("value", ["", "2", "2 hours", "h", "-1h", "0s", "1y", True, 0, -5])
def test_parse_duration_refuses(value: str | float) -> None:
    with pytest.raises(ValueError, match="expected a duration such as"):
        parse_duration(value)


def test_the_package_is_pure() -> None:
    code = ("import sys, newscrawler.sites; newscrawler.sites.load_profiles(); "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'scrapy', 'sqlalchemy', 'twisted', 'pipelines'}))")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
