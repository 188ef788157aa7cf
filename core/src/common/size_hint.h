// SHAREPOLICY_SMALL marks a function the package compiles for size inside a source it compiles
// for speed (wasm/CMakeLists.txt): the rest of that file's hot loop gets -O2 without paying for
// what runs once per call. Clang's minsize; other compilers build everything alike.
#pragma once

#if defined(__clang__)
#define SHAREPOLICY_SMALL [[clang::minsize]]
#else
#define SHAREPOLICY_SMALL
#endif
