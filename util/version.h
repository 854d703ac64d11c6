/* The program's version; the Makefile passes the released number. */
#ifndef CBKPI_UTIL_VERSION_H
#define CBKPI_UTIL_VERSION_H

#ifndef CBKPI_VERSION
#define CBKPI_VERSION "0.1.0"
#endif

#endif
