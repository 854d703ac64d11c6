/* Turns the bytes of an input file into UTF-8, block by block: strips a UTF-8 byte order
 * mark, converts UTF-16 (recognised by its byte order mark) and windows-1252 (when asked). */
#ifndef CBKPI_INGEST_DECODE_H
#define CBKPI_INGEST_DECODE_H

#include <stdbool.h>
#include <stddef.h>

typedef enum input_encoding {
    ENCODING_AUTO,         /* UTF-8, or UTF-16 when the file starts with its byte order mark */
    ENCODING_UTF8,
    ENCODING_UTF16LE,
    ENCODING_UTF16BE,
    ENCODING_WINDOWS_1252,
} input_encoding;

typedef struct decoder {
    input_encoding encoding; /* after the first block: what the file turned out to be */
    bool started;
    unsigned char carry[4];  /* bytes of a character cut by the block boundary */
    size_t n_carry;
    unsigned pending_high;   /* UTF-16 high surrogate waiting for its pair, 0 if none */
    char *out;               /* conversion buffer, owned */
    size_t out_cap;
} decoder;

/** Prepares a decoder for the given (or automatic) encoding. */
void decoder_init(decoder *dec, input_encoding encoding);
/** Frees the decoder's buffer. */
void decoder_free(decoder *dec);
/** Converts the next block of the file into UTF-8; *text points into the block itself or into
 *  the decoder's buffer and stays valid until the next call. at_end flushes what is carried. */
void decoder_convert(decoder *dec, const unsigned char *block, size_t len, bool at_end,
                     const char **text, size_t *text_len);
/** A name for the encoding, as shown to the user ("UTF-8", "UTF-16LE", "windows-1252"). */
const char *decoder_encoding_name(input_encoding encoding);
/** Parses an --encoding value; returns false when it is not one we know. */
bool decoder_parse_encoding(const char *name, input_encoding *encoding);

#endif
