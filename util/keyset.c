/* The key set is laid out for millions of short keys (ids such as "W0147\x1fR1234567"):
 *
 *   arena  the keys themselves, one after the other in insertion order, each preceded by its
 *          length and followed by a NUL. The arena is a list of blocks that are never moved or
 *          freed before the set is, so the pointers keyset_key returns stay valid for the life
 *          of the set. Blocks start small (a set of ten keys costs little) and double up to
 *          BLOCK_MAX; a key of over a quarter of that gets a block of its own.
 *   keys   by index, where the key starts in the arena (8 bytes a key).
 *   slots  an open-addressing table (linear probing, at most half full) of 8-byte slots:
 *          index + 1 (0 = empty) and the upper 32 bits of the key's hash, its tag. A probe
 *          compares the tag first, so a key is only read when the tag matches, which is almost
 *          always the key sought: adding a new key usually touches a single cache line of the
 *          table plus the end of the arena; finding a key, one slot, one entry of keys[] and
 *          the key itself (its length is the byte before it).
 *
 * A key's home slot is the top bits of its tag, so the table can double from the tags alone,
 * without reading a key or hashing it again; and since the slots stay in the order of their
 * tags, the old table is read and the new one written front to back. The price: the bits
 * that chose the home slot are the same for the keys met near it, so the tag tells them apart
 * by its other 32 - log2(slots) bits (10 bits for 2 million keys: 1 probe in 1000 reads a key
 * for nothing); and while the table doubles, the old one (a third of the two) is still held.
 *
 * A 15-byte key takes 17 bytes in the arena, 8 to 16 in keys[] and 16 to 32 in the table
 * (2 million ids of 13 bytes: 42 bytes a key in all, where a malloc per key took 64). At most
 * 2^32 slots, at most half full, limit a set to 2^31 keys. */
#include "util/keyset.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"

#define BLOCK_MIN ((size_t)4096)
#define BLOCK_MAX ((size_t)1 << 20)
/* A key that needs more than this gets a block of its own instead of ending the current one
 * early; so at most a quarter of an ordinary block is left unused at its end. */
#define OWN_BLOCK_OVER (BLOCK_MAX / 4)
/* The byte before a key is its length when that is below LONG_KEY; otherwise it is LONG_KEY
 * and the length is stored as a size_t in the sizeof(size_t) bytes before that byte. */
#define LONG_KEY UCHAR_MAX
#define FIRST_SLOTS_LOG2 4
#define MAX_SLOTS_LOG2 32
#define MAX_KEYS ((size_t)1 << (MAX_SLOTS_LOG2 - 1))

struct slot {
    uint32_t index1; /* index + 1; 0 = empty */
    uint32_t tag;    /* upper half of the key's hash */
};

struct keyset {
    const char **keys;  /* by index: the key's first byte, in the arena */
    size_t count;
    size_t keys_cap;
    struct slot *slots;
    size_t mask;        /* number of slots - 1; the number is a power of two, 2^(32 - shift) */
    unsigned shift;     /* a key's home slot is tag >> shift */
    char **blocks;      /* every block of the arena, to free them */
    size_t n_blocks;
    size_t blocks_cap;
    char *current;      /* the ordinary block keys go to, and its size */
    size_t current_size;
    char *free_at;      /* the unused end of the current block */
    size_t free_left;
    size_t next_block;  /* size of the next ordinary block */
};

/* ------------------------------------------------------------ hash */

/* Odd 64-bit multipliers drawn at random. */
#define MUL_A 0xfd5d0391bef4e02bULL
#define MUL_B 0x7fa9ec96660f6485ULL

/* Multiplying carries every bit upwards only; folding the upper half back down lets the
 * next step (or the final mix) spread the upper bits too. */
static uint64_t fold(uint64_t h)
{
    return h ^ (h >> 32);
}

/* A 64-bit hash that eats 8 bytes a step (loaded with memcpy, so any alignment), then mixes
 * so that every input bit can flip every output bit, the upper ones (the tag) above all: they
 * come straight from the last multiplication. Not meant to resist chosen inputs. */
static uint64_t hash_bytes(const char *s, size_t len)
{
    uint64_t h = (uint64_t)len * MUL_B;
    for (; len >= 8; s += 8, len -= 8) {
        uint64_t w;
        memcpy(&w, s, 8);
        h = fold((h ^ w) * MUL_A);
    }
    if (len > 0) { /* the last 1..7 bytes, zero-padded: the length above tells them apart */
        uint64_t w = 0;
        memcpy(&w, s, len);
        h = fold((h ^ w) * MUL_A);
    }
    h = fold(h * MUL_B);
    return fold(h * MUL_A);
}

/* ------------------------------------------------------------ arena */

static size_t key_length(const char *key)
{
    unsigned char b = (unsigned char)key[-1];
    if (b != LONG_KEY)
        return b;
    size_t len;
    memcpy(&len, key - 1 - sizeof len, sizeof len);
    return len;
}

static char *new_block(keyset *set, size_t size)
{
    if (set->n_blocks == set->blocks_cap) {
        set->blocks_cap = set->blocks_cap ? 2 * set->blocks_cap : 8;
        set->blocks = mem_realloc(set->blocks, set->blocks_cap * sizeof *set->blocks);
    }
    return set->blocks[set->n_blocks++] = mem_alloc(size);
}

/* Copies the key into the arena with its length before it and a NUL after; returns where
 * the key starts. */
static const char *store_key(keyset *set, const char *key, size_t len)
{
    size_t header = len < LONG_KEY ? 1 : 1 + sizeof len;
    if (len > SIZE_MAX - header - 1) {
        fprintf(stderr, "cbkpi: a key of %zu bytes is too long\n", len);
        exit(2);
    }
    size_t need = header + len + 1;
    char *p;
    if (need > OWN_BLOCK_OVER) {
        p = new_block(set, need); /* the current block stays current */
    } else {
        if (need > set->free_left) {
            size_t size = set->next_block;
            if (set->next_block < BLOCK_MAX)
                set->next_block *= 2;
            if (size < need)
                size = need;
            set->current = set->free_at = new_block(set, size);
            set->current_size = set->free_left = size;
        }
        p = set->free_at;
        set->free_at += need;
        set->free_left -= need;
    }
    if (header > 1) {
        memcpy(p, &len, sizeof len);
        p += sizeof len;
    }
    *p++ = (char)(len < LONG_KEY ? len : LONG_KEY);
    if (len > 0)
        memcpy(p, key, len);
    p[len] = '\0';
    return p;
}

/* ------------------------------------------------------------ table */

/* The slot that holds the key, or the empty slot where it would go. */
static struct slot *find_slot(const keyset *set, const char *key, size_t len, uint64_t h)
{
    uint32_t tag = (uint32_t)(h >> 32);
    for (size_t i = tag >> set->shift;; i = (i + 1) & set->mask) {
        struct slot *slot = &set->slots[i];
        if (slot->index1 == 0)
            return slot;
        if (slot->tag == tag) {
            const char *k = set->keys[slot->index1 - 1];
            if (key_length(k) == len && (len == 0 || memcmp(k, key, len) == 0))
                return slot;
        }
    }
}

/* Doubles the table. Old slot j moves to the first free slot from its tag's new home; going
 * through the old slots in order fills the new table in order too (but for the few keys that
 * wrapped around its end), so both are read and written front to back. */
static void grow_table(keyset *set)
{
    struct slot *old = set->slots;
    size_t old_n = set->mask + 1;
    set->slots = mem_calloc(2 * old_n, sizeof *set->slots);
    set->mask = 2 * old_n - 1;
    set->shift--;
    for (size_t j = 0; j < old_n; j++) {
        if (old[j].index1 == 0)
            continue;
        size_t i = old[j].tag >> set->shift;
        while (set->slots[i].index1 != 0)
            i = (i + 1) & set->mask;
        set->slots[i] = old[j];
    }
    free(old);
}

/* ------------------------------------------------------------ API */

keyset *keyset_new(void)
{
    keyset *set = mem_calloc(1, sizeof *set);
    set->slots = mem_calloc((size_t)1 << FIRST_SLOTS_LOG2, sizeof *set->slots);
    set->mask = ((size_t)1 << FIRST_SLOTS_LOG2) - 1;
    set->shift = MAX_SLOTS_LOG2 - FIRST_SLOTS_LOG2;
    set->next_block = BLOCK_MIN;
    return set;
}

void keyset_free(keyset *set)
{
    if (set == NULL)
        return;
    for (size_t i = 0; i < set->n_blocks; i++)
        free(set->blocks[i]);
    free(set->blocks);
    free(set->keys);
    free(set->slots);
    free(set);
}

void keyset_clear(keyset *set)
{
    size_t kept = 0;
    for (size_t i = 0; i < set->n_blocks; i++) {
        if (set->blocks[i] == set->current)
            set->blocks[kept++] = set->current;
        else
            free(set->blocks[i]);
    }
    set->n_blocks = kept;
    set->free_at = set->current;
    set->free_left = set->current ? set->current_size : 0;
    memset(set->slots, 0, (set->mask + 1) * sizeof *set->slots);
    set->count = 0;
}

bool keyset_add_hashed(keyset *set, const char *key, size_t len, uint64_t h, size_t *index)
{
    struct slot *slot = find_slot(set, key, len, h);
    if (slot->index1 != 0) {
        if (index)
            *index = slot->index1 - 1;
        return false;
    }
    if (set->count == MAX_KEYS) {
        fprintf(stderr, "cbkpi: a key set cannot hold more than %zu keys\n", MAX_KEYS);
        exit(2);
    }
    if ((set->count + 1) * 2 > set->mask + 1) { /* keep the table at most half full */
        grow_table(set);
        slot = find_slot(set, key, len, h);
    }
    if (set->count == set->keys_cap) {
        set->keys_cap = set->keys_cap ? 2 * set->keys_cap : 8;
        set->keys = mem_realloc(set->keys, set->keys_cap * sizeof *set->keys);
    }
    set->keys[set->count] = store_key(set, key, len);
    *slot = (struct slot){(uint32_t)(set->count + 1), (uint32_t)(h >> 32)};
    if (index)
        *index = set->count;
    set->count++;
    return true;
}

bool keyset_find_hashed(const keyset *set, const char *key, size_t len, uint64_t h,
                        size_t *index)
{
    const struct slot *slot = find_slot(set, key, len, h);
    if (slot->index1 == 0)
        return false;
    if (index)
        *index = slot->index1 - 1;
    return true;
}

bool keyset_add(keyset *set, const char *key, size_t len, size_t *index)
{
    return keyset_add_hashed(set, key, len, hash_bytes(key, len), index);
}

bool keyset_find(const keyset *set, const char *key, size_t len, size_t *index)
{
    return keyset_find_hashed(set, key, len, hash_bytes(key, len), index);
}

size_t keyset_count(const keyset *set)
{
    return set->count;
}

const char *keyset_key(const keyset *set, size_t index)
{
    return set->keys[index];
}

uint64_t keyset_hash(const char *key, size_t len)
{
    return hash_bytes(key, len);
}
