/* Fuzz target `boundary`: the `reader` target with the reader's 1 MiB block boundary moved
 * into the text (see fuzz_reader.c): first byte the options, second byte where the boundary
 * falls, then the text. */
#define FUZZ_READER_BOUNDARY 1
#include "tests/fuzz/fuzz_reader.c"
