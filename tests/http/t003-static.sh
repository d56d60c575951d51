#!/usr/bin/env bash
# Static files and media: ETag, Last-Modified, conditional requests (304),
# Content-Type, HEAD with the same headers and no body.
. "$(dirname "$0")/lib.sh"

start_server

# check_file URL WANT_TYPE_REGEX
check_file() {
	local url=$1 type=$2 etag lm len
	fetch "$url"
	expect_status 200 "GET $url"
	expect_header Content-Type "$type" "$url has Content-Type $type"
	expect_header ETag '^(W/)?"[^"]+"$' "$url has an ETag"
	expect_header Last-Modified 'GMT$' "$url has Last-Modified"
	etag=$(header ETag)
	lm=$(header Last-Modified)
	len=$(stat -c %s "$BODY")
	cp "$BODY" "$T_TMP/full"
	grep -viE '^(date|connection|keep-alive):' "$HDRS" | tr -d '\r' | grep -v '^$' |
		sort >"$T_TMP/get-headers"

	fetch_head "$url"
	expect_status 200 "HEAD $url"
	check "HEAD $url has no body" test ! -s "$BODY"
	grep -viE '^(date|connection|keep-alive):' "$HDRS" | tr -d '\r' | grep -v '^$' |
		sort >"$T_TMP/head-headers"
	if diff "$T_TMP/get-headers" "$T_TMP/head-headers" >"$T_TMP/d"; then
		ok "HEAD $url has the same headers as GET"
	else
		not_ok "HEAD $url headers differ from GET"
		note "$(cat "$T_TMP/d")"
	fi

	fetch "$url" -H "If-None-Match: $etag"
	expect_status 304 "$url with If-None-Match gives 304"
	check "304 has no body" test ! -s "$BODY"
	expect_header ETag "^$(sed 's/[][\.*^$/]/\\&/g' <<<"$etag")$" \
		"304 repeats the ETag"
	fetch "$url" -H 'If-None-Match: "other", '"$etag"
	expect_status 304 "$url with a list in If-None-Match gives 304"
	fetch "$url" -H 'If-None-Match: "not-the-etag"'
	expect_status 200 "$url with another ETag gives 200"
	fetch "$url" -H "If-Modified-Since: $lm"
	expect_status 304 "$url with If-Modified-Since gives 304"
	fetch "$url" -H 'If-Modified-Since: Thu, 01 Jan 1998 00:00:00 GMT'
	expect_status 200 "$url modified since 1998 gives 200"
	check "$url body is whole ($len bytes)" cmp -s "$BODY" "$T_TMP/full"
}

f=$(cd static && find . -type f -name '*.css' | sort | head -n 1)
if [[ -n $f ]]; then
	check_file "/static/${f#./}" '^text/css'
	check "/static file bytes equal the file on disk" \
		cmp -s "$T_TMP/full" "static/${f#./}"
else
	not_ok "no .css file under static/ to test"
fi
f=$(cd static && find . -type f -name '*.js' | sort | head -n 1)
[[ -z $f ]] || check_file "/static/${f#./}" 'javascript'
f=$(cd static && find . -type f -name '*.svg' | sort | head -n 1)
[[ -z $f ]] || check_file "/static/${f#./}" '^image/svg\+xml'

f=$(cd "$T_TMP/media" 2>/dev/null && find . -type f \( -name '*.jpg' -o \
	-name '*.jpeg' -o -name '*.png' -o -name '*.webp' \) | sort | head -n 1)
if [[ -n $f ]]; then
	check_file "/media/${f#./}" '^image/'
else
	not_ok "the demo database came with no image under media/"
fi

fetch /static/khong-co-tep-nay.css
expect_status 404 "a missing static file gives 404"
fetch /static/
expect_status_in "403 404" "/static/ lists nothing"
t_done
