/*
 * Contributions from outside (issue 4 item 8; Điều 9.1.b-c): news,
 * photos and files that anyone sends through the public page
 * /gui-tin-bai, and the status a sender looks up with the reference
 * number given in return.
 *
 * A contribution becomes an item of kind tin in state submitted, with
 * item_flow.contribution set and the sender's details (Điều 9.1.c: name,
 * agency, title if any, phone or address), revision 1 and a history step
 * "contribute" from draft to submitted: it waits in the Secretariat's
 * triage queue like any submitted item.  Everything is written in one
 * transaction with the contribution row (reference number, e-mail), the
 * per-address count and the audit entry "contribution.add" by the actor
 * "public"; the acknowledgement mail, when an e-mail was given and mail
 * is on, is queued in the same transaction.  The acknowledgement holds
 * fixed text, the reference number and the status link only: nothing the
 * sender typed, since anyone may type any address into the form (it
 * must not relay another's words to a stranger).
 *
 * The limit per client address (CONTRIB_PER_HOUR, CONTRIB_PER_DAY) is
 * counted in the database so that every node of a cluster agrees.
 */
#ifndef TTDT_CONTRIBUTION_H
#define TTDT_CONTRIBUTION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "arena.h"
#include "media.h"
#include "store.h"
#include "vnlegacy.h"

#define CONTRIB_PER_HOUR 3       /* contributions from one address an hour */
#define CONTRIB_PER_DAY 10       /* and a day */
#define CONTRIB_TEXT_MAX 20000   /* characters of the text */
#define CONTRIB_FIELD_MAX 200    /* characters of a sender's detail */
#define CONTRIB_HEADLINE_MAX 300 /* characters of the news's title */
#define CONTRIB_EMAIL_MAX 254    /* bytes of the e-mail address */
#define CONTRIB_FILES_MAX 5      /* files of one contribution */
/* The actor of the audit entries of the public page (no account). */
#define CONTRIB_ACTOR "public"

/* A reference number: "GT-" year "-" CONTRIB_REF_CODE characters of the
 * Crockford base-32 alphabet (0-9, A-Z without I, L, O, U). */
#define CONTRIB_REF_CODE 6
#define CONTRIB_REF_SIZE 32 /* enough for "GT-<year>-XXXXXX" and a NUL */

/* The fields of the form, for the messages (one per field at most). */
enum contrib_field {
	CONTRIB_F_NAME,     /* sender's name (required) */
	CONTRIB_F_AGENCY,   /* sender's agency (required) */
	CONTRIB_F_TITLE,    /* sender's title (optional) */
	CONTRIB_F_CONTACT,  /* phone or address (required, Điều 9.1.c) */
	CONTRIB_F_EMAIL,    /* optional */
	CONTRIB_F_HEADLINE, /* the news's title (required) */
	CONTRIB_F_TEXT,     /* the news (required, plain text) */
	CONTRIB_F__MAX
};

/* Vietnamese messages, static strings, NULL for a field that is fine. */
struct contrib_problems {
	const char *msg[CONTRIB_F__MAX];
	size_t n;
};

/* What the sender typed (the web layer trims and puts it in NFC). */
struct contrib_in {
	const char *name;
	const char *agency;
	const char *title; /* the sender's title; may be NULL or "" */
	const char *contact;
	const char *email; /* may be NULL or "" */
	const char *headline;
	const char *text; /* plain text; a legacy encoding is converted */
	int64_t category_id;
	/* Files already in the library (media_upload), in order. */
	const struct media_album_entry *media;
	size_t nmedia;
	/* The first image, if any: the item's cover (Điều 9.1.b). */
	const struct media *cover;
	const char *client_addr; /* r->client_addr; may be NULL */
};

struct contrib_out {
	char ref[CONTRIB_REF_SIZE];
	int64_t item_id;
	enum vnlegacy_enc converted; /* VNLEGACY_NONE: nothing converted */
};

/*
 * Checks in's text fields: required ones present, each within its
 * length, no control characters, valid UTF-8, the e-mail (if any) an
 * address mail can go to, the text at most CONTRIB_TEXT_MAX characters.
 * Fills p (zeroed first); true if there is no problem.
 */
bool contribution_check(const struct contrib_in *in,
                        struct contrib_problems *p);

/*
 * The HTML of a plain text: a legacy Vietnamese encoding (TCVN3, VNI,
 * VIQR) converted to Unicode NFC when vnlegacy_detect is sure
 * (*found, may be NULL, tells which; VNLEGACY_NONE if none), paragraphs
 * at blank lines, line breaks within them kept as <br>, everything
 * escaped and then passed through the sanitiser.  In a; ERR_INVALID if
 * the sanitiser refuses it.
 */
enum err contribution_html(struct arena *a, const char *text, const char **html,
                           enum vnlegacy_enc *found);

/* A new random reference number for the Viet Nam year of now
 * (randombytes_uniform), "GT-2026-7K4M9Q". */
void contribution_ref_new(time_t now, char out[CONTRIB_REF_SIZE]);

/*
 * The reference number as the database keeps it from what a person typed
 * in: blanks at the ends removed, letters upper-cased, and in the code
 * O read as 0 and I, L as 1 (Crockford).  False if it is not
 * "GT-<4 digits>-<CONTRIB_REF_CODE code characters>" then.
 */
bool contribution_ref_parse(const char *in, char out[CONTRIB_REF_SIZE]);

/* The key addr is counted under: an IPv4 address as it is, an IPv6
 * address cut to its /64 (one household, one phone), in a; "" for NULL
 * or an address that does not parse. */
const char *contribution_addr_key(struct arena *a, const char *addr);

/* ERR_OK if addr may send one more contribution at now; ERR_DENIED if
 * it sent CONTRIB_PER_HOUR in the last hour or CONTRIB_PER_DAY in the
 * last day; the store's errors. */
enum err contribution_rate_check(struct store *s, const char *addr, time_t now);

/* Counts one attempt from addr at now toward its limit without a
 * contribution: for a post that stored files in the library and then
 * failed, so that such posts cannot be repeated without bound.  The
 * store's errors. */
enum err contribution_rate_note(struct store *s, const char *addr, time_t now);

/*
 * Writes the contribution in (checked again: ERR_INVALID with p filled,
 * p may be NULL) at now, in one transaction: the limit of its address
 * (ERR_DENIED), the item in state submitted with its flow, revision 1,
 * the history step "contribute", the media of the item
 * (media_album_set), the contribution row with a new reference number,
 * the address's count, the audit entry "contribution.add" and, with an
 * e-mail and mail on, the acknowledgement (mail_wake after the commit).
 * ERR_INVALID also for an unknown section.  Nothing is written unless
 * ERR_OK; out is filled on ERR_OK.
 */
enum err contribution_add(struct store *s, const struct contrib_in *in,
                          time_t now, struct contrib_out *out,
                          struct contrib_problems *p);

/* What a sender is told of a contribution (plain words, no reasons). */
enum contrib_stage {
	CONTRIB_RECEIVED,  /* submitted, district-review, draft */
	CONTRIB_EDITING,   /* in editing .. scheduled */
	CONTRIB_PUBLISHED, /* published: with the link */
	CONTRIB_NOT_USED,  /* returned, unpublished, archived */
	CONTRIB_STAGE__MAX
};

/* "Đã tiếp nhận, đang chờ xem xét", ...; NULL out of range. */
const char *contribution_stage_name(enum contrib_stage st);
enum contrib_stage contribution_stage_of(enum item_state s);

struct contrib_status {
	enum contrib_stage stage;
	time_t sent_at;
	struct item item; /* for the public link when published */
};

/* The status of the contribution with reference ref (as parsed by
 * contribution_ref_parse), in a; ERR_NOTFOUND if there is none. */
enum err contribution_status(struct store *s, struct arena *a, const char *ref,
                             struct contrib_status *out);

#endif
