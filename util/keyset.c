#include "util/keyset.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"

struct keyset {
    char **keys;      /* by index */
    size_t *lengths;  /* by index */
    size_t count;
    size_t *slots;    /* open addressing: index + 1, 0 = empty */
    size_t n_slots;   /* power of two */
};

static uint64_t hash_bytes(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

keyset *keyset_new(void)
{
    keyset *set = mem_calloc(1, sizeof *set);
    set->n_slots = 16;
    set->slots = mem_calloc(set->n_slots, sizeof *set->slots);
    return set;
}

void keyset_free(keyset *set)
{
    if (set == NULL)
        return;
    for (size_t i = 0; i < set->count; i++)
        free(set->keys[i]);
    free(set->keys);
    free(set->lengths);
    free(set->slots);
    free(set);
}

static size_t *find_slot(const keyset *set, const char *key, size_t len)
{
    size_t mask = set->n_slots - 1;
    for (size_t i = hash_bytes(key, len) & mask;; i = (i + 1) & mask) {
        size_t *slot = &set->slots[i];
        if (*slot == 0)
            return slot;
        size_t index = *slot - 1;
        if (set->lengths[index] == len && memcmp(set->keys[index], key, len) == 0)
            return slot;
    }
}

static void grow(keyset *set)
{
    free(set->slots);
    set->n_slots *= 2;
    set->slots = mem_calloc(set->n_slots, sizeof *set->slots);
    for (size_t i = 0; i < set->count; i++)
        *find_slot(set, set->keys[i], set->lengths[i]) = i + 1;
    set->keys = mem_realloc(set->keys, set->n_slots / 2 * sizeof *set->keys);
    set->lengths = mem_realloc(set->lengths, set->n_slots / 2 * sizeof *set->lengths);
}

bool keyset_add(keyset *set, const char *key, size_t len, size_t *index)
{
    size_t *slot = find_slot(set, key, len);
    if (*slot != 0) {
        if (index)
            *index = *slot - 1;
        return false;
    }
    if ((set->count + 1) * 2 > set->n_slots || set->keys == NULL) {
        grow(set);
        slot = find_slot(set, key, len);
    }
    set->keys[set->count] = mem_strndup(key, len);
    set->lengths[set->count] = len;
    *slot = ++set->count;
    if (index)
        *index = set->count - 1;
    return true;
}

bool keyset_find(const keyset *set, const char *key, size_t len, size_t *index)
{
    size_t slot = *find_slot(set, key, len);
    if (slot == 0)
        return false;
    if (index)
        *index = slot - 1;
    return true;
}

size_t keyset_count(const keyset *set)
{
    return set->count;
}

const char *keyset_key(const keyset *set, size_t index)
{
    return set->keys[index];
}
