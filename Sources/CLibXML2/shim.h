#include <libxml/xmlversion.h>
// Foundation on Linux ships its own ICU (_FoundationICU); the system ICU headers that libxml2's
// encoding.h pulls in would clash with it ("'UErrorCode' has different definitions").
#undef LIBXML_ICU_ENABLED
#include <libxml/xmlreader.h>
#include <libxml/parser.h>
