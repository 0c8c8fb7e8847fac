#ifndef CHATSITE_CLIBXML2_SHIM_H
#define CHATSITE_CLIBXML2_SHIM_H

// Debian's libxml2 is built with ICU, and its encoding.h then includes the system ICU headers,
// whose UErrorCode clashes with Foundation's own ICU copy in any Swift file importing both.
// Nothing here uses libxml2's ICU converter fields, so the ICU part of the headers is left out.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlmemory.h>
#include <libxml/xmlsave.h>
#include <libxml/xpath.h>

/// `xmlFree` is a global function pointer, which Swift 6 refuses to call directly.
static inline void chatsite_xmlFree(void *pointer) { xmlFree(pointer); }

/// `xmlParserVersion` is a macro over a function on some libxml2 builds; Swift cannot import it.
static inline const char *chatsite_xmlParserVersion(void) { return xmlParserVersion; }

#endif
