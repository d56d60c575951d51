#!/usr/bin/env bash
# RSS, sitemap.xml and robots.txt: well-formed and pointing at the site.
. "$(dirname "$0")/lib.sh"

start_server

# well_formed FILE: XML parses.
well_formed() {
	if command -v xmllint >/dev/null 2>&1; then
		xmllint --noout "$1" 2>"$T_TMP/xml.err"
	else
		python3 -c 'import sys, xml.dom.minidom
xml.dom.minidom.parse(sys.argv[1])' "$1" 2>"$T_TMP/xml.err"
	fi
}

fetch /rss.xml
expect_status 200 "/rss.xml"
expect_header Content-Type '^application/(rss\+)?xml|^text/xml' "RSS type"
if well_formed "$BODY"; then ok "/rss.xml is well-formed XML"; else
	not_ok "/rss.xml is not well-formed"
	note "$(head -n 5 "$T_TMP/xml.err")"
fi
expect_body '<rss version="2.0"' "RSS 2.0"
n=$(grep -c '<item>' "$BODY")
check "the feed has items ($n)" test "$n" -gt 0
expect_body "<link>http://$T_LISTEN/tin/" "item links use base_url"
expect_body_re '<pubDate>[A-Z][a-z]{2}, [0-9]{2} [A-Z][a-z]{2} [0-9]{4} ' \
	"RFC 822 dates"

# sitemap.xml is an index of small sitemaps: sections, then items.
fetch /sitemap.xml
expect_status 200 "/sitemap.xml"
expect_header Content-Type 'xml' "sitemap index type"
if well_formed "$BODY"; then ok "/sitemap.xml is well-formed XML"; else
	not_ok "/sitemap.xml is not well-formed"
	note "$(head -n 5 "$T_TMP/xml.err")"
fi
expect_body '<sitemapindex' "a sitemap index"
expect_body "<loc>http://$T_LISTEN/sitemap/chuyen-muc.xml</loc>" \
	"the index names the sections' sitemap"
expect_body "<loc>http://$T_LISTEN/sitemap/tin-1.xml</loc>" \
	"the index names the first items' sitemap"

fetch /sitemap/chuyen-muc.xml
expect_status 200 "the sections' sitemap"
if well_formed "$BODY"; then ok "sections' sitemap is well-formed"; else
	not_ok "sections' sitemap is not well-formed"
fi
expect_body '<urlset' "a urlset"
expect_body "<loc>http://$T_LISTEN/chuyen-muc/" "sections in the sitemap"
n=$(grep -o '<loc>' "$BODY" | wc -l)
check "the sections' sitemap lists the sections ($n)" test "$n" -gt 10

fetch /sitemap/tin-1.xml
expect_status 200 "the first items' sitemap"
if well_formed "$BODY"; then ok "items' sitemap is well-formed"; else
	not_ok "items' sitemap is not well-formed"
fi
expect_body "<loc>http://$T_LISTEN/tin/" "items in the sitemap"
expect_body_re '<lastmod>[0-9]{4}-[0-9]{2}-[0-9]{2}T' "lastmod dates"
n=$(grep -o '<loc>' "$BODY" | wc -l)
check "the demo's 300 items are all in the first file ($n)" test "$n" -eq 300
loc=$(grep -oE "<loc>http://$T_LISTEN/tin/[^<]+</loc>" "$BODY" | head -n 1 |
	sed 's/<[^>]*>//g')
if [[ -n $loc ]]; then
	fetch "$loc"
	expect_status 200 "a sitemap item URL answers"
fi
for bad in tin-2.xml tin-0.xml tin-01.xml tin-1.xmlx tin-+1.xml tin-.xml x.xml; do
	fetch "/sitemap/$bad"
	expect_status 404 "/sitemap/$bad is not a sitemap"
done

fetch /robots.txt
expect_status 200 "/robots.txt"
expect_header Content-Type '^text/plain' "robots.txt is plain text"
expect_body_re '^User-agent:' "robots.txt has User-agent"
expect_body "Sitemap: http://$T_LISTEN/sitemap.xml" "robots.txt names the sitemap"

fetch /rss.xml -H 'Accept-Encoding: gzip'
expect_status 200 "/rss.xml with gzip"
t_done
