#ifndef CHATSITE_CCMARK_SHIM_H
#define CHATSITE_CCMARK_SHIM_H

#include <cmark.h>
#include <stdlib.h>

/// cmark returns `malloc`ed strings; callers free them through this wrapper.
static inline void chatsite_cmark_free(char *pointer) { free(pointer); }

#endif
