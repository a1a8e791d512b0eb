"""How the page's title is chosen between its headings and its declared titles."""

from __future__ import annotations

import lxml.html

from extractor.metadata.html import html_metadata
from extractor.model import Block, Document, Metadata
from extractor.rules.python.title import RepeatedTitle


def title(page: str, url: str | None = None) -> str | None:
    return html_metadata(lxml.html.document_fromstring(page), url=url).title


def test_site_name_before_a_bar_is_cut():
    page = """<html><head><title>Render | The cloud for builders</title>
    <meta property="og:site_name" content="Render"></head>
    <body><h1>Your fastest path to production</h1></body></html>"""
    assert title(page) == "The cloud for builders"
    # a longer first part only containing the site's name is a product name, kept (the tagline is cut)
    named = page.replace("Render |", "Render Payments |")
    assert title(named) == "Render Payments"


def test_short_heading_before_a_subtitle_wins():
    page = """<html><head><title>{t} | Trail Shop</title><meta property="og:site_name" content="Trail Shop">
    <meta property="og:title" content="{t}"></head><body><h1>{h}</h1><ul><li>Boot</li></ul></body></html>"""
    colon = page.format(t="Hiking Boots: Shop Boots for Hiking &amp; Backpacking", h="Hiking Boots")
    assert title(colon) == "Hiking Boots"
    purpose = page.format(t="Headlamps for Camping, Hiking &amp; Running", h="Headlamps")
    assert title(purpose) == "Headlamps"


def test_site_slogan_on_an_inner_page_loses_to_the_heading():
    page = """<html><head><title>Threadly - The heart of the conversation</title></head>
    <body><h1>Enamelled pan with a chipped rim: still safe?</h1><p>Posted in r/cooking</p></body></html>"""
    url = "https://www.threadly.example/r/cooking/comments/abc123/enamelled_pan/"
    assert title(page, url) == "Enamelled pan with a chipped rim: still safe?"
    # on the home page the slogan is the page's own title
    assert title(page, "https://www.threadly.example/") == "Threadly - The heart of the conversation"


def test_label_before_the_title_in_the_heading_is_dropped():
    page = """<html><head><title>Best Ad Agencies in 2025 (Ranked) | Silverline</title>
    <meta property="og:site_name" content="Silverline"></head>
    <body><h1><span>{label}</span> Best Ad Agencies in 2025 (Ranked)</h1></body></html>"""
    assert title(page.format(label="Blog:")) == "Best Ad Agencies in 2025 (Ranked)"
    assert title(page.format(label="Tips/Techniques")) == "Best Ad Agencies in 2025 (Ranked)"
    assert title(page.format(label="Read the full story")) == "Best Ad Agencies in 2025 (Ranked)"
    # an article or a number is part of the headline, not a label
    assert title(page.format(label="The")) == "The Best Ad Agencies in 2025 (Ranked)"


def test_dateline_inside_the_heading_is_dropped():
    page = """<html><head><meta property="og:title" content="Optimising Node Performance">
    <meta property="og:type" content="article"></head><body>
    <h1>Optimising Node Performance <small>Posted on July 1, 2024 by admin</small></h1></body></html>"""
    assert title(page) == "Optimising Node Performance"


def test_separator_lost_between_inline_elements_comes_from_the_declared_title():
    page = """<html><head><title>Info - Graphics Card Comparison Guide | Hardware Forum</title>
    <meta property="og:site_name" content="Hardware Forum"></head>
    <body><h1><span class="label">Info</span> Graphics Card Comparison Guide</h1></body></html>"""
    assert title(page) == "Info - Graphics Card Comparison Guide"


def test_home_label_gives_the_site_name():
    page = """<html><head><title>Home - The Garden Blog</title><meta property="og:title" content="Home">
    <meta property="og:site_name" content="The Garden Blog"></head><body><h2>Latest posts</h2></body></html>"""
    assert title(page) == "The Garden Blog"


def test_product_heading_wins_over_the_selling_title():
    page = """<html><head><title>Acme Pro Tech Toolkit: Phone, Laptop Repair Kit</title>
    <meta property="og:title" content="Acme Pro Tech Toolkit: Phone, Laptop Repair Kit">
    <meta property="og:type" content="{kind}"></head>
    <body><h1>Pro Tech Toolkit</h1><p>$79.99</p></body></html>"""
    assert title(page.format(kind="product")) == "Pro Tech Toolkit"
    assert title(page.format(kind="website")) == "Acme Pro Tech Toolkit: Phone, Laptop Repair Kit"
    ld = '<script type="application/ld+json">{"@type": "Product", "name": "Pro Tech Toolkit"%s}</script></head>'
    offered = page.format(kind="website").replace("</head>", ld % ', "offers": {"price": "79.99"}')
    assert title(offered) == "Pro Tech Toolkit"
    described = page.format(kind="website").replace("</head>", ld % "")  # a product described, not sold
    assert title(described) == "Acme Pro Tech Toolkit: Phone, Laptop Repair Kit"


def test_trademark_signs_only_in_the_heading_are_left_out():
    page = """<html><head><title>Crusher ANC 2 - Wireless Headphones | Soundco</title>
    <meta property="og:site_name" content="Soundco"></head>
    <body><h1>Crusher\u00ae ANC 2</h1></body></html>"""
    assert title(page) == "Crusher ANC 2"


def test_soft_hyphens_and_mangled_utf8_are_repaired():
    page = """<html><head><meta property="og:type" content="article"></head>
    <body><h1>Home Repair Assis\u00adtance Program</h1></body></html>"""
    assert title(page) == "Home Repair Assistance Program"
    mangled = """<html><head><meta property="og:type" content="article"></head>
    <body><h1>A DIY Investor\u00e2\u0080\u0099s Guide</h1></body></html>"""
    assert title(mangled) == "A DIY Investor\u2019s Guide"
    plain = mangled.replace("\u00e2\u0080\u0099s", "s")
    assert title(plain) == "A DIY Investors Guide"


def _doc(texts: list[str], page_title: str) -> Document:
    return Document([Block(i, t) for i, t in enumerate(texts)], metadata=Metadata(title=page_title))


def test_title_line_is_kept_when_it_is_all_the_body_has_left():
    doc = _doc(["Enamelled Pan and Metal Spoons"], "Enamelled Pan and Metal Spoons")
    RepeatedTitle().apply(doc)
    assert [b.text for b in doc.kept] == ["Enamelled Pan and Metal Spoons"]
    doc = _doc(["Enamelled Pan and Metal Spoons", "Metal spoons do not chip the enamel."], doc.metadata.title)
    RepeatedTitle().apply(doc)
    assert [b.text for b in doc.kept] == ["Metal spoons do not chip the enamel."]


def test_site_name_repeating_the_whole_title_cuts_nothing():
    page = """<html><head><title>Tech conferences in Europe 2026 / 2027</title>
    <script type="application/ld+json">{"@type": "WebSite", "name": "Tech conferences in Europe 2026 / 2027"}</script>
    </head><body><h1>Tech conferences in Europe 2026 / 2027</h1><ul><li>DevConf</li></ul></body></html>"""
    assert title(page, "https://confs.example/eu/tech") == "Tech conferences in Europe 2026 / 2027"


def test_heading_naming_the_sites_domain_is_not_the_title():
    page = """<html><head><title>BoxForum 7.1 crashes on start - boxforum.org</title></head>
    <body><h1>boxforum.org</h1><p>Posted by someone</p></body></html>"""
    url = "https://forums.boxforum.org/viewtopic.php?t=1234"
    assert title(page, url) == "BoxForum 7.1 crashes on start"


def test_inner_page_declaring_only_the_site_name_takes_its_heading():
    page = """<html><head><title>Loomwell</title><meta property="og:title" content="Loomwell">
    <meta property="og:site_name" content="Loomwell"></head>
    <body><h1>Custom Linen Set</h1><p>Pick three pieces.</p></body></html>"""
    assert title(page, "https://www.loomwell.example/pages/custom-linen-set") == "Custom Linen Set"
    # on the home page the site's name is the page's title
    assert title(page, "https://www.loomwell.example/") == "Loomwell"


def test_heading_and_declared_title_differing_in_the_year_give_the_later_one():
    page = """<html><head><title>{t} | Calmly</title><meta property="og:title" content="{t}">
    <meta property="og:site_name" content="Calmly"></head><body><h1>{h}</h1><p>Text.</p></body></html>"""
    old, new = "5 Sleep Trends to Watch in 2024", "5 Sleep Trends to Watch in 2025"
    assert title(page.format(t=old, h=new)) == new
    assert title(page.format(t=new, h=old)) == new


def test_forum_trail_after_the_topic_is_cut():
    page = """<html><head><title>Wifi drops after suspend / Networking / Distro Forums</title></head>
    <body><h1>Distro Linux</h1><div class="post">Since the last kernel update my wifi drops.</div></body></html>"""
    assert title(page, "https://bbs.distro.example/viewtopic.php?id=123") == "Wifi drops after suspend"


def test_numbered_section_headings_are_not_the_title():
    page = """<html><head><title>UPDATE</title></head><body>
    <h1>1. Overview</h1><p>The statement changes rows.</p><h1>2. Details</h1><p>Each row is visited once.</p>
    <h1>3. Examples</h1><p>See below.</p></body></html>"""
    assert title(page, "https://db.example/lang_update.html") == "UPDATE"
    # one numbered heading is the page's own chapter title
    chapter = """<html><head><title>Data Structures - Guide</title></head>
    <body><h1>5. Data Structures</h1><p>Lists and tuples.</p></body></html>"""
    assert title(chapter, "https://docs.example/tutorial/datastructures.html") == "5. Data Structures"


def test_blog_name_heading_gives_way_to_the_post_title():
    page = """<html><head><title>Field Notes: Pruning apple trees in winter</title>
    <meta property="og:title" content="Pruning apple trees in winter"></head>
    <body><h1>Field Notes</h1><h3>Pruning apple trees in winter</h3><p>Cut above an outward bud.</p></body></html>"""
    assert title(page, "https://orchard-diary.example/2025/01/pruning.html") == "Pruning apple trees in winter"


def test_heading_after_a_label_and_colon_in_the_declared_title_wins():
    page = """<html><head><title>Town of Elmford Planning Office: Sidewalk Repair Grants</title>
    <meta property="og:title" content="Town of Elmford Planning Office: Sidewalk Repair Grants"></head>
    <body><h1>Sidewalk Repair Grants</h1><p>Owners may apply until June.</p></body></html>"""
    assert title(page, "https://elmford.example/planning/sidewalk-grants") == "Sidewalk Repair Grants"


def test_heading_ending_in_a_colon_introduces_the_title():
    page = """<html><head><title>The Knot Tying Problem (Ada Marsh)</title></head>
    <body><h1>Ada Marsh's Rope Puzzles:</h1><h1>The Knot Tying Problem</h1><p>Tie it once.</p></body></html>"""
    assert title(page, "https://adamarsh.example/knots") == "The Knot Tying Problem"


def test_faq_questions_are_not_declared_titles():
    faq = """{"@type": "FAQPage", "mainEntity": [
      {"@type": "Question", "name": "Can I publish my content on a schedule?"},
      {"@type": "Question", "name": "Is there a free plan?"}]}"""
    page = f"""<html><head><title>Headless CMS for Marketing Teams | Pagewright</title>
    <meta property="og:title" content="Headless CMS for Marketing Teams">
    <script type="application/ld+json">{faq}</script></head>
    <body><h1>Your content, on your schedule.</h1><p>Plans from $9.</p></body></html>"""
    assert title(page, "https://pagewright.example/features/cms") == "Headless CMS for Marketing Teams"


def test_lower_case_phrase_after_a_dash_stays_in_the_title():
    page = """<html><head><title>{t} | Riverside Health</title><meta property="og:site_name" content="Riverside Health">
    </head><body><h1>{t}</h1><p>Start with one meal a day.</p></body></html>"""
    sentence = "Switching to a meat-free diet \u2013 tips and tricks"
    assert title(page.format(t=sentence)) == sentence
    tagline = "Switching to a Meat-Free Diet \u2013 Tips and Tricks"
    assert title(page.format(t=tagline)) == "Switching to a Meat-Free Diet"
    assert title(page.format(t="Quilted Field Jacket Classic - olive")) == "Quilted Field Jacket Classic"


def test_dash_style_comes_from_the_declared_title():
    page = """<html><head><meta property="og:title" content="Mira Holt - The Resume Coach">
    <title>Mira Holt | Executive Resume Writer</title></head>
    <body><h1>Mira Holt \u2013 The Resume Coach</h1><p>Twenty years of resumes.</p></body></html>"""
    assert title(page, "https://miraholt.example/") == "Mira Holt - The Resume Coach"


def test_slogan_sharing_only_function_words_loses_to_the_declared_title():
    page = """<html><head><title>Team Planning Software for Connecting Work to Shared Goals | Plansy</title>
    <meta property="og:title" content="Team Planning Software for Connecting Work to Shared Goals">
    <meta property="og:type" content="article"><meta property="og:site_name" content="Plansy"></head>
    <body><h1>Bring your strategy to life</h1><p>Boards, timelines and goals.</p></body></html>"""
    assert title(page, "https://plansy.example/w/team-planning") == (
        "Team Planning Software for Connecting Work to Shared Goals"
    )


def test_address_slug_decides_between_heading_and_declared_title():
    page = """<html><head>{og}<title>{t} | Corner Desk</title><meta property="og:title" content="{t}">
    <meta property="og:site_name" content="Corner Desk"></head><body><h1>{h}</h1><p>Text.</p></body></html>"""
    site = "https://cornerdesk.example"
    service = page.format(og="", t="Bookkeeping Services for Small Firms", h="Numbers you can trust, every month")
    # a service page whose <title> and og:title agree: the declared title wins over a slogan ...
    assert title(service, f"{site}/services/monthly-support") == "Bookkeeping Services for Small Firms"
    # ... unless the slug repeats the heading
    assert title(service, f"{site}/services/numbers-you-can-trust") == "Numbers you can trust, every month"
    article = page.format(
        og='<meta property="og:type" content="article">',
        t="How to Close Your Books in Five Days",
        h="Closing the Books Without the Panic",
    )
    # an article's heading wins ...
    assert title(article, f"{site}/blog/closing-the-books-without-the-panic") == "Closing the Books Without the Panic"
    # ... unless the slug repeats the declared title
    assert title(article, f"{site}/blog/how-to-close-your-books-in-five-days") == "How to Close Your Books in Five Days"
    # a one-word slug names a section, it does not decide
    assert title(article, f"{site}/blog/close") == "Closing the Books Without the Panic"


def test_slug_words_come_from_the_last_path_segment():
    from extractor.metadata.url_slug import slug_share, slug_words

    assert slug_words("https://a.example/blog/2024/05/best-trail-shoes.html?ref=x") == {"best", "trail", "shoes"}
    assert slug_words("https://a.example/wiki/Caf%C3%A9_au_lait/", frozenset({"au"})) == {"café", "lait"}
    assert slug_words("https://a.example/") == set()
    assert slug_words(None) == set()
    assert slug_share({"best", "trail", "shoes"}, "The Best Shoes for Trail Running") == 1.0


def test_address_slug_chooses_among_disagreeing_declared_titles():
    page = """<html><head><title>Here are the three kinds of payroll outsourcing.</title>
    <meta property="og:title" content="Here are the three kinds of payroll outsourcing.">
    <script type="application/ld+json">{"@type": "BlogPosting", "headline": "3 Payroll Outsourcing Models Compared"}</script>
    </head><body><p>Text.</p></body></html>"""
    site = "https://ledgerly.example/blog"
    assert title(page, f"{site}/payroll-outsourcing-models-compared") == "3 Payroll Outsourcing Models Compared"
    # without the slug's evidence the title most sources give wins
    assert title(page, f"{site}/post-1842") == "Here are the three kinds of payroll outsourcing."


def test_declared_title_cut_off_with_an_ellipsis_loses_to_the_heading():
    page = """<html><head><title>Seed Saving Seed Storage Seed Swaps Seed Libr{end}</title>
    <meta property="og:title" content="Seed Saving Seed Storage Seed Swaps Seed Libr{end}"></head>
    <body><h1>Seed Saving :: A Season-by-Season Guide</h1><p>Text.</p></body></html>"""
    assert title(page.format(end="\u2026")) == "Seed Saving :: A Season-by-Season Guide"
    assert title(page.format(end="...")) == "Seed Saving :: A Season-by-Season Guide"
    # a complete declared title that both sources agree on still wins on a page that is no article
    assert title(page.format(end="aries")) == "Seed Saving Seed Storage Seed Swaps Seed Libraries"


def test_site_address_before_the_title_without_a_separator_is_cut():
    page = "<html><head><title>{t}</title></head><body><p>Text.</p></body></html>"
    url = "https://www.annaleigh.example/2025/tiny-gardens.html"
    assert title(page.format(t="annaleigh.example Tiny Gardens"), url) == "Tiny Gardens"
    # another site's address is part of the title
    assert title(page.format(t="other.example Tiny Gardens"), url) == "other.example Tiny Gardens"


def test_heading_ending_in_a_full_stop_is_a_slogan_when_declared_titles_agree():
    page = """<html><head><meta property="og:type" content="article">
    <title>Ledgerly Payroll: Pay Your Team in Minutes</title>
    <meta property="og:title" content="Ledgerly Payroll: Pay Your Team in Minutes"></head>
    <body><h1>{h}</h1><p>Text.</p></body></html>"""
    assert title(page.format(h="The payroll your whole team will thank you for.")) == (
        "Ledgerly Payroll: Pay Your Team in Minutes"
    )
    # without the full stop it is the article's heading (a dated one: see the sentence-case slogan test)
    dated = page.replace("</head>", '<meta property="article:published_time" content="2026-01-12"></head>')
    assert title(dated.format(h="The payroll your whole team will thank you for")) == (
        "The payroll your whole team will thank you for"
    )


def test_sentence_case_slogan_loses_to_agreeing_title_case_declared_titles():
    page = """<html><head><title>Payroll Software for Small Business | Ledgerly</title>
    <meta property="og:title" content="Payroll Software for Small Business | Ledgerly">
    <meta property="og:site_name" content="Ledgerly"><meta property="og:type" content="article">{extra}</head>
    <body><h1>{h}</h1><p>Run payroll in minutes.</p></body></html>"""
    url = "https://ledgerly.example/payroll"
    slogan = page.format(h="Small business payroll that runs itself", extra="")
    assert title(slogan, url) == "Payroll Software for Small Business"
    # a dated article's sentence-case headline is its title
    dated = '<meta property="article:published_time" content="2026-03-02T08:00:00Z">'
    assert title(page.format(h="Small business payroll that runs itself", extra=dated), url) == (
        "Small business payroll that runs itself"
    )
    # the same words only styled in sentence case: the heading stays
    restyled = page.format(h="Payroll software for your small business", extra="")
    assert title(restyled, url) == "Payroll software for your small business"


def test_paragraph_set_as_a_heading_is_no_title():
    page = """<html><head><title>Kitchen Remodel Costs in 2026 (With Examples) | Hearthwise</title>
    <meta property="og:site_name" content="Hearthwise"><meta property="og:type" content="article"></head>
    <body><h1>{h}</h1><p>Cabinets come first.</p></body></html>"""
    paragraph = (
        "Wondering what a kitchen remodel costs? See average prices by room size. "
        "We explain where the money goes and how to save."
    )
    assert title(page.format(h=paragraph)) == "Kitchen Remodel Costs in 2026 (With Examples)"
    # one sentence ending inside a headline does not make it a paragraph
    two = "Kitchen Remodel Costs Fell in 2026. Here Is Why"
    assert title(page.format(h=two)) == two


def test_full_width_punctuation_in_a_latin_title_is_written_plainly():
    page = """<html><head><title>{t}</title></head><body><h1>{t}</h1><p>Lasers map the room.</p></body></html>"""
    assert title(page.format(t="How Do Lidar Sensors Work\uff1f")) == "How Do Lidar Sensors Work?"
    # in Chinese or Japanese the full-width forms are the script's own
    assert title(page.format(t="\u6fc0\u5149\u96f7\u8fbe\u600e\u4e48\u5de5\u4f5c\uff1f")) == (
        "\u6fc0\u5149\u96f7\u8fbe\u600e\u4e48\u5de5\u4f5c\uff1f"
    )


def test_site_address_after_the_site_name_is_cut_too():
    page = """<html><head><title>Tone Bench | tonebench.example - {t}</title></head>
    <body><h1>Features</h1><p>We listened for a month.</p></body></html>"""
    headline = "Six Turntables Under $500 Compared"
    assert title(page.format(t=headline), "https://www.tonebench.example/features/turntables-2026") == headline
    # the address alone before a slogan is a home page's name, kept
    home = (
        """<html><head><title>Tonebench.example - Honest Audio Reviews</title></head><body><p>Hi.</p></body></html>"""
    )
    assert title(home, "https://tonebench.example/") == "Tonebench.example - Honest Audio Reviews"


def test_hyphen_the_heading_left_out_comes_from_the_declared_title():
    page = """<html><head><title>{d} | Gigboard</title><meta property="og:site_name" content="Gigboard"></head>
    <body><h1>{h}</h1><ul><li>Backend developer</li></ul></body></html>"""
    assert title(page.format(d="Remote Full-Stack Developer Jobs", h="Remote Full Stack Developer Jobs")) == (
        "Remote Full-Stack Developer Jobs"
    )
    # the heading's hyphen stays when the declared title has none
    assert title(page.format(d="Remote Full Stack Developer Jobs", h="Remote Full-Stack Developer Jobs")) == (
        "Remote Full-Stack Developer Jobs"
    )


def test_listing_counts_and_availability_notes_are_not_part_of_the_title():
    page = """<html><head><title>{t}</title></head><body><p>Shelf after shelf.</p></body></html>"""
    assert title(page.format(t="Favourite Sea Novels (1,204 books)")) == "Favourite Sea Novels"
    assert title(page.format(t="Oat Crackers, Rosemary, 6 oz (170 g) (Discontinued Item)")) == (
        "Oat Crackers, Rosemary, 6 oz (170 g)"
    )
    # a year in brackets belongs to the title
    assert title(page.format(t="Best Travel Pillows (2026 Reviews)")) == "Best Travel Pillows (2026 Reviews)"


def test_acronym_before_the_name_it_stands_for_is_cut():
    page = """<html><head><title>{t} | Podwave</title><meta property="og:site_name" content="Podwave"></head>
    <body><h1>{t}</h1><p>Episodes every Friday.</p></body></html>"""
    assert title(page.format(t="RTR - Retro Tech Roundup")) == "Retro Tech Roundup"
    # letters that are not the name's initials stay
    assert title(page.format(t="USB - The Universal Connector")) == "USB - The Universal Connector"


def test_forum_name_and_view_topic_label_before_the_topic_are_cut():
    page = """<html><head><title>Harbor Modders \u2022 View topic - Best way to flash the 2019 firmware?</title>
    </head><body><p>I tried twice.</p></body></html>"""
    url = "https://forum.harbormodders.example/viewtopic.php?t=8812"
    assert title(page, url) == "Best way to flash the 2019 firmware?"


def test_month_and_year_after_a_dash_stay_in_the_title():
    page = """<html><head><title>{t} | Gearlab Notes</title><meta property="og:site_name" content="Gearlab Notes">
    </head><body><h1>{t}</h1><p>We tested twelve pairs.</p></body></html>"""
    dated = "The Best Budget Running Shoes - March 2026"
    assert title(page.format(t=dated)) == dated
    assert title(page.format(t="The Best Budget Running Shoes - Tested Picks")) == "The Best Budget Running Shoes"


def test_curly_title_quotes_follow_a_page_whose_text_writes_them_plainly():
    page = """<html><head><title>Here\u2019s Why I Switched Editors | Dev Notes</title>
    <meta property="og:site_name" content="Dev Notes"></head>
    <body><h1>Here\u2019s Why I Switched Editors</h1><p>{p}</p></body></html>"""
    plain = "I didn't plan it. It's faster, and the \"vim mode\" isn't bad. That's all."
    assert title(page.format(p=plain)) == "Here's Why I Switched Editors"
    curly = "I didn\u2019t plan it. It\u2019s faster, and the \u201cvim mode\u201d isn\u2019t bad."
    assert title(page.format(p=curly)) == "Here\u2019s Why I Switched Editors"


def test_heading_in_capitals_takes_the_declared_wording_of_its_words():
    page = """<html><head><title>{d} | Brewlab</title><meta property="og:site_name" content="Brewlab">
    <meta property="og:type" content="article"></head><body><h1>{h}</h1><p>We brewed forty pots.</p></body></html>"""
    caps = "BEST POUR-OVER KETTLES IN 2026: TESTED BY BARISTAS"
    assert title(page.format(d="Best Pour-Over Kettles 2026: Tested by Baristas", h=caps)) == (
        "Best Pour-Over Kettles 2026: Tested by Baristas"
    )
    # the same words in another order are another title: the heading stays
    assert title(page.format(d="Pour-Over Kettles: Best 2026, Tested by Baristas", h=caps)) == caps


def test_chapter_and_section_number_before_a_docs_title_is_cut():
    page = (
        """<html><head><title>Docs - {d}</title></head><body><h1>{h}</h1><p>A branch is a pointer.</p></body></html>"""
    )
    assert title(page.format(d="Merging Basics", h="4.2 Branching - Merging Basics")) == "Branching - Merging Basics"
    # a chapter's own number and a version number stay
    assert title(page.format(d="Basics", h="4. Branching Basics")) == "4. Branching Basics"
    bare = "<html><body><h1>2026.1.2 -> 2026.2.0 upgrade notes</h1><p>Back up first.</p></body></html>"
    assert title(bare) == "2026.1.2 -> 2026.2.0 upgrade notes"


def test_heading_without_the_year_every_declared_title_adds_takes_the_year():
    page = """<html><head><title>{t} | Trailhead</title><meta property="og:title" content="{o}">
    <meta property="og:site_name" content="Trailhead"><meta property="og:type" content="article"></head>
    <body><h1>Best Hiking Boots for Wide Feet</h1><p>We walked 200 miles.</p></body></html>"""
    dated = "Best Hiking Boots for Wide Feet in 2026"
    assert title(page.format(t=dated, o=dated)) == dated
    # one declared title without the year: the heading stays
    assert title(page.format(t="Wide-Feet Hiking Boots, Tested", o=dated)) == "Best Hiking Boots for Wide Feet"


def test_heading_with_the_declared_titles_words_in_another_order_keeps_its_wording():
    page = """<html><head><title>{d} | Inkwell School</title><meta property="og:title" content="{d}">
    <meta property="og:site_name" content="Inkwell School"></head>
    <body><h1>{h}</h1><p>Twelve weeks, part time.</p></body></html>"""
    url = "https://inkwell.example/courses/illustration"
    assert title(page.format(d="Illustration Course Online", h="Online Illustration Course"), url) == (
        "Online Illustration Course"
    )
    assert title(page.format(d="Sketchbooks for Beginners", h="Beginner Sketchbooks"), url) == "Beginner Sketchbooks"


def test_case_and_quote_rules_are_for_english_pages():
    page = """<html lang="de"><head><title>Kredit-Zinsen: So Berechnen Sie Ihre Kosten | Zinsrat</title>
    <meta property="og:title" content="Kredit-Zinsen: So Berechnen Sie Ihre Kosten | Zinsrat">
    <meta property="og:site_name" content="Zinsrat"><meta property="og:type" content="article"></head>
    <body><h1>Wie hoch sind die Zinsen f\u00fcr einen Kredit?</h1><p>Das h\u00e4ngt ab. "Kurz" gesagt: es kommt darauf an.</p>
    </body></html>"""
    assert title(page, "https://zinsrat.example/kredit/zinsen") == "Wie hoch sind die Zinsen f\u00fcr einen Kredit?"
    quoted = """<html><head><title>Zehn Jahre \u201eTag der offenen T\u00fcr\u201c</title></head>
    <body><h1>Zehn Jahre \u201eTag der offenen T\u00fcr\u201c</h1><p>Er sagte "ja". Sie sagte "nein".</p></body></html>"""
    assert title(quoted) == "Zehn Jahre \u201eTag der offenen T\u00fcr\u201c"


def test_title_line_with_other_quote_marks_is_still_the_title():
    doc = _doc(["Here\u2019s Why I Switched Editors", "I did not plan it."], "Here's Why I Switched Editors")
    RepeatedTitle().apply(doc)
    assert [b.text for b in doc.kept] == ["I did not plan it."]
