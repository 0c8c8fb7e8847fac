#ifndef CHATSITE_CBROTLI_SHIM_H
#define CHATSITE_CBROTLI_SHIM_H

#include <brotli/encode.h>

#endif
