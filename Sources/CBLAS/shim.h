#ifndef MFS_CBLAS_SHIM_H
#define MFS_CBLAS_SHIM_H
/* OpenBLAS's own cblas.h through pkg-config, so a change of Debian's BLAS
   alternative cannot swap the header under us. */
#include <cblas.h>
#endif
