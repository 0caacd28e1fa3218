#ifndef MFS_CSNDFILE_SHIM_H
#define MFS_CSNDFILE_SHIM_H
#include <sndfile.h>
#endif
