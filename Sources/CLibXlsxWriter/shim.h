// The libxlsxwriter API (Debian libxlsxwriter-dev), for the CreditReports XLSX writer.
#ifndef CLIBXLSXWRITER_SHIM_H
#define CLIBXLSXWRITER_SHIM_H
#include <xlsxwriter.h>
#endif
