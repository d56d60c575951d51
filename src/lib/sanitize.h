/*
 * The HTML sanitiser: the only way rich text (an item's body, a
 * contribution, a caption) reaches the database.  Issue 4.3.
 *
 * The input is parsed by gumbo as an HTML5 fragment of <body>, exactly as
 * a browser would parse it, and the tree is written out again keeping only
 * an allowlist of elements and attributes:
 *
 *   p br h2 h3 h4 (h1 -> h2, h5 h6 -> h4) strong (b) em (i) u s (strike,
 *   del) sub sup blockquote ul ol li dl dt dd table caption thead tbody
 *   tfoot tr th[scope colspan rowspan] td[colspan rowspan] figure
 *   figcaption hr code pre abbr[title] a[href] img[src alt width height]
 *
 * a href: http, https, mailto, tel or a relative reference; absolute links
 * get rel="noopener noreferrer".  img src: http(s) or a same-site path
 * under /media/.  Schemes are checked after the browser's own clean-up
 * (entities decoded by the parser, tab/CR/LF removed, leading and trailing
 * controls and spaces trimmed, any case), so "jav&#x09;ascript:" is caught.
 *
 * Dropped with their content: script, style, iframe, object, embed,
 * template, noscript, every SVG and MathML element, form controls, head
 * elements (meta, link, base, title), audio/video, comments, CDATA, and
 * Word's junk (o:p, w:*, v:* and every other prefixed tag, <xml> islands,
 * list bullets marked mso-list:Ignore).  span, font, div and unknown
 * elements are unwrapped (their children kept); a div holding only inline
 * content becomes a p.  Word's pseudo-lists (p.MsoListParagraph... with
 * "mso-list:lN levelM") become <ul>/<ol> (ordered when the bullet is a
 * number or letter); nested levels are flattened into one list.  Empty
 * paragraphs and headings are dropped.  No other attribute survives.
 *
 * The output is UTF-8 NFC, escaped (& < > " ' in text and attributes),
 * deterministic and idempotent: sanitize_html of its own output gives the
 * same bytes back.  Elements nested deeper than SANITIZE_MAX_DEPTH are
 * unwrapped (their text kept).  The plain text for the search index is
 * made from this output by src/store/html_text.c.
 */
#ifndef TTDT_SANITIZE_H
#define TTDT_SANITIZE_H

#include <stddef.h>

#include "buf.h"
#include "err.h"

/* Default largest input, in bytes. */
#define SANITIZE_MAX_INPUT ((size_t)1 << 20)
/* Deepest element written out; deeper ones are unwrapped. */
#define SANITIZE_MAX_DEPTH 100
/*
 * Largest nesting the pre-parse scan may estimate.  gumbo's tree building
 * costs O(depth) per tag, so deep input is refused before gumbo sees it.
 */
#define SANITIZE_MAX_NESTING 512

struct sanitize_opts {
	size_t max_input; /* bytes; 0: SANITIZE_MAX_INPUT */
};

/*
 * What the sanitiser removed, for the writer ("đã loại bỏ N thẻ không an
 * toàn").  The unsafe_* counts cover only what could run or load content
 * (script, iframe, on* handlers, javascript: links...); dropped_* count
 * everything removed, including Word's harmless formatting.
 */
struct sanitize_report {
	unsigned unsafe_elements;  /* script, iframe, svg, form controls... */
	unsigned unsafe_attrs;     /* on*, formaction, srcdoc... */
	unsigned unsafe_links;     /* href/src refused (scheme or syntax) */
	unsigned dropped_elements; /* every element dropped or unwrapped */
	unsigned dropped_attrs;    /* every attribute not kept */
};

/*
 * Sanitises html[0..len) and appends the result to out.  opts may be NULL
 * (defaults); rep may be NULL, else it is zeroed and filled (OUT).
 *
 * Returns ERR_OK; ERR_INVALID if the input is not valid UTF-8 (or holds a
 * NUL byte), is longer than max_input, nests deeper than
 * SANITIZE_MAX_NESTING, or would make the parser use more memory than
 * its budget.  On error nothing is appended.
 */
enum err sanitize_html(struct buf *out, const char *html, size_t len,
                       const struct sanitize_opts *opts,
                       struct sanitize_report *rep);

/* The sum of the unsafe_* counts: what the writer is told was removed. */
unsigned sanitize_report_unsafe(const struct sanitize_report *rep);

#endif
