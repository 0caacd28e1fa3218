#ifndef MFS_CKERNELS_H
#define MFS_CKERNELS_H
/* Header-only vector kernels; the portable build has no CPU-specific flags. */
#include <stddef.h>
#endif
