/*
 * A fuzz target: libFuzzer's entry point.  Built two ways: with clang's
 * -fsanitize=fuzzer by `make fuzz`, and with tests/fuzz/driver.c by `make
 * test`, which replays every saved input of tests/fuzz/corpus/TARGET/ so
 * that what the fuzzer once found stays fixed.
 */
#ifndef FL_FUZZ_H
#define FL_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
