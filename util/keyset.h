/* A set of byte strings that gives each distinct key a dense index in insertion order.
 * Used wherever the program needs "have I seen this id?" and "which group is this?". */
#ifndef CBKPI_UTIL_KEYSET_H
#define CBKPI_UTIL_KEYSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct keyset keyset;

/** Returns an empty set. */
keyset *keyset_new(void);
/** Frees the set and its copies of the keys; NULL is allowed. */
void keyset_free(keyset *set);
/** Empties the set, keeping its table and the block its keys were going to for the keys to
 *  come (indexes start from 0 again; pointers from keyset_key become invalid). */
void keyset_clear(keyset *set);
/** Adds key (len bytes) if absent; stores its index in *index; returns true when it was new.
 *  A set holds at most 2^31 keys: one more ends the program with a message (exit status 2). */
bool keyset_add(keyset *set, const char *key, size_t len, size_t *index);
/** Looks key up; returns true and its index when present. */
bool keyset_find(const keyset *set, const char *key, size_t len, size_t *index);
/** Number of distinct keys. */
size_t keyset_count(const keyset *set);
/** The key with the given index, NUL-terminated. */
const char *keyset_key(const keyset *set, size_t index);

/** The 64-bit hash the set files key under: equal keys, equal hashes. */
uint64_t keyset_hash(const char *key, size_t len);
/** keyset_add and keyset_find for a key whose keyset_hash is known (hash), so that one key
 *  looked up in several sets is hashed once. */
bool keyset_add_hashed(keyset *set, const char *key, size_t len, uint64_t hash, size_t *index);
bool keyset_find_hashed(const keyset *set, const char *key, size_t len, uint64_t hash,
                        size_t *index);

#endif
