#!/usr/bin/env bash
# The page cache: repeated GETs identical, ETag and 304, gzip copies that
# decompress to the same bytes, Vary: Accept-Encoding.
. "$(dirname "$0")/lib.sh"

start_server "[server]" "page_cache = true"

fetch /
expect_status 200 "GET /"
item=$(first_link '/tin/[^"/?#]+-[0-9]+')
check "the home page links to an item" test -n "$item"

for url in / "$item"; do
	fetch "$url"
	expect_status 200 "GET $url"
	cp "$BODY" "$T_TMP/first"
	etag=$(header ETag)
	check "$url has an ETag" test -n "$etag"
	expect_header Vary 'Accept-Encoding' "$url has Vary: Accept-Encoding"
	fetch "$url"
	check "a second GET $url is identical" cmp -s "$BODY" "$T_TMP/first"
	check "a second GET $url has the same ETag" test "$(header ETag)" = "$etag"

	fetch "$url" -H "If-None-Match: $etag"
	expect_status 304 "$url with If-None-Match gives 304"
	check "304 for $url has no body" test ! -s "$BODY"

	fetch "$url" -H 'Accept-Encoding: gzip'
	expect_status 200 "GET $url with Accept-Encoding: gzip"
	expect_header Content-Encoding '^gzip$' "$url is sent gzipped"
	expect_header Vary 'Accept-Encoding' "gzipped $url has Vary"
	if gzip -dc <"$BODY" >"$T_TMP/unz" 2>/dev/null &&
		cmp -s "$T_TMP/unz" "$T_TMP/first"; then
		ok "gzipped $url decompresses to the same bytes"
	else
		not_ok "gzipped $url does not decompress to the same bytes"
	fi
	check "gzipped $url is smaller" \
		test "$(stat -c %s "$BODY")" -lt "$(stat -c %s "$T_TMP/first")"
	gz_etag=$(header ETag)
	if [[ -n $gz_etag ]]; then
		fetch "$url" -H 'Accept-Encoding: gzip' -H "If-None-Match: $gz_etag"
		expect_status 304 "gzipped $url revalidates with its ETag"
	fi
	fetch "$url" -H 'Accept-Encoding: br;q=1, gzip;q=0'
	check "$url is not gzipped when gzip;q=0" \
		test -z "$(header Content-Encoding)"
	fetch_head "$url"
	expect_status 200 "HEAD $url"
	check "HEAD $url has no body" test ! -s "$BODY"
done

# Error pages are not cached as 200s.
fetch /khong-co-trang-nay
expect_status 404 "404 page"
fetch /khong-co-trang-nay
expect_status 404 "404 page again"
t_done
