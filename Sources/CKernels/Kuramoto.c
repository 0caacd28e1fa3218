#include "CKernels.h"

#include <stdlib.h>
#include <string.h>

/* Fused Kuramoto coupling for one (sample, head): C = q·kᵀ, S = sin C, F = S·k,
   and its backward, without materialising the t×t maps. Eight lanes hold eight
   query rows (forward) or eight keys (backward); |C| <= 1 because q and k are
   unit vectors, so sin and cos are Taylor polynomials. */

typedef float v8 __attribute__((vector_size(32)));
typedef float v16 __attribute__((vector_size(64)));

#define SIN_POLY(v, v2) \
    ((v) * (1.0f + (v2) * (-1.0f / 6 + (v2) * (1.0f / 120 + (v2) * (-1.0f / 5040 + \
     (v2) * (1.0f / 362880 + (v2) * (-1.0f / 39916800)))))))
#define COS_POLY(v2) \
    (1.0f + (v2) * (-0.5f + (v2) * (1.0f / 24 + (v2) * (-1.0f / 720 + (v2) * \
     (1.0f / 40320 + (v2) * (-1.0f / 3628800 + (v2) * (1.0f / 479001600)))))))

/* Writes x (t rows of d components, row stride ld) transposed into xt[d][tp],
   zero-padding columns t..tp-1. */
static inline void transpose_pad(const float *x, size_t ld, size_t t, size_t d, size_t tp, float *xt) {
    for (size_t m = 0; m < d; m++) {
        for (size_t j = 0; j < t; j++) xt[m * tp + j] = x[j * ld + m];
        for (size_t j = t; j < tp; j++) xt[m * tp + j] = 0;
    }
}

/* Macros rather than functions: returning a wide vector from a baseline
   function would change the calling convention. */
#define LANES8 ((v8){0, 1, 2, 3, 4, 5, 6, 7})
#define LANES16 ((v16){0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15})

#define DEFINE_KURAMOTO_FORWARD(suffix, attr, HEAD, VT, LANES, LANE_INDEX)                                                \
    attr static void kuramoto_force_##suffix(const float *q, const float *k, size_t ld, size_t t, \
                                             size_t d_arg, int causal, float *force, size_t ldf, \
                                             float *scratch) {                                \
        const size_t d = HEAD;                                                                \
        (void)d_arg;                                                                          \
        size_t tp = (t + LANES - 1) / LANES * LANES;                                                     \
        float *qt = scratch;                                                                  \
        transpose_pad(q, ld, t, d, tp, qt);                                                   \
        VT acc[MFS_KURAMOTO_MAX_HEAD];                                                                           \
        for (size_t i0 = 0; i0 < tp; i0 += LANES) {                                               \
            for (size_t m = 0; m < d; m++) acc[m] = (VT){0};                                  \
            size_t jend = causal ? (i0 + LANES < t ? i0 + LANES : t) : t;                             \
            VT rows = LANE_INDEX + (float)i0;                                               \
            for (size_t j = 0; j < jend; j++) {                                               \
                const float *kj = k + j * ld;                                                 \
                VT c = (VT){0};                                                               \
                for (size_t m = 0; m < d; m++) {                                              \
                    VT qm;                                                                    \
                    memcpy(&qm, qt + m * tp + i0, sizeof qm);                                 \
                    c += qm * kj[m];                                                          \
                }                                                                             \
                VT c2 = c * c;                                                                \
                VT s = SIN_POLY(c, c2);                                                       \
                if (causal) s = (VT)((__typeof__(rows < 0))(rows >= (float)j) & (__typeof__(rows < 0))s); \
                for (size_t m = 0; m < d; m++) acc[m] += s * kj[m];                           \
            }                                                                                 \
            size_t lanes = t - i0 < LANES ? t - i0 : LANES;                                           \
            for (size_t m = 0; m < d; m++)                                                    \
                for (size_t l = 0; l < lanes; l++) force[(i0 + l) * ldf + m] = acc[m][l];     \
        }                                                                                     \
    }

#define DEFINE_KURAMOTO_BACKWARD(suffix, attr, HEAD, VT, LANES, LANE_INDEX)                                                  \
    attr static void kuramoto_backward_##suffix(const float *q, const float *k, size_t ld,       \
                                                const float *df, size_t ldf, size_t t, size_t d_arg, \
                                                int causal, float *dq, float *dk, size_t ldo,    \
                                                float *scratch) {                                \
        const size_t d = HEAD;                                                                   \
        (void)d_arg;                                                                             \
        size_t tp = (t + LANES - 1) / LANES * LANES;                                                        \
        float *kt = scratch, *dkt = scratch + d * tp;                                            \
        transpose_pad(k, ld, t, d, tp, kt);                                                      \
        memset(dkt, 0, d * tp * sizeof(float));                                                  \
        VT dqacc[MFS_KURAMOTO_MAX_HEAD];                                                                            \
        for (size_t i = 0; i < t; i++) {                                                         \
            const float *qi = q + i * ld, *dfi = df + i * ldf;                                   \
            for (size_t m = 0; m < d; m++) dqacc[m] = (VT){0};                                   \
            size_t jend = causal ? (i + LANES) / LANES * LANES : tp;                                  \
            for (size_t j0 = 0; j0 < jend; j0 += LANES) {                                            \
                VT c = (VT){0}, ds = (VT){0};                                                    \
                for (size_t m = 0; m < d; m++) {                                                 \
                    VT km;                                                                       \
                    memcpy(&km, kt + m * tp + j0, sizeof km);                                    \
                    c += km * qi[m];                                                             \
                    ds += km * dfi[m];                                                           \
                }                                                                                \
                VT c2 = c * c;                                                                   \
                VT s = SIN_POLY(c, c2);                                                          \
                VT dc = ds * COS_POLY(c2);                                                       \
                if (causal) {                                                                    \
                    VT keys = LANE_INDEX + (float)j0;                                          \
                    __typeof__(keys < 0) keep = keys <= (float)i;                                \
                    s = (VT)(keep & (__typeof__(keep))s);                                        \
                    dc = (VT)(keep & (__typeof__(keep))dc);                                      \
                }                                                                                \
                for (size_t m = 0; m < d; m++) {                                                 \
                    VT km, dkm;                                                                  \
                    memcpy(&km, kt + m * tp + j0, sizeof km);                                    \
                    memcpy(&dkm, dkt + m * tp + j0, sizeof dkm);                                 \
                    dqacc[m] += dc * km;                                                         \
                    dkm += s * dfi[m] + dc * qi[m];                                              \
                    memcpy(dkt + m * tp + j0, &dkm, sizeof dkm);                                 \
                }                                                                                \
            }                                                                                    \
            for (size_t m = 0; m < d; m++) {                                                     \
                float sum = 0;                                                                   \
                for (size_t l = 0; l < LANES; l++) sum += dqacc[m][l];                           \
                dq[i * ldo + m] = sum;                                                           \
            }                                                                                    \
        }                                                                                        \
        for (size_t j = 0; j < t; j++)                                                           \
            for (size_t m = 0; m < d; m++) dk[j * ldo + m] = dkt[m * tp + j];                    \
    }

/* Each kernel exists for any head size and, unrolled, for head size 8 (the
   default latent 32 over 4 heads), where q, k and the accumulators stay in
   registers. */
#define AVX2 __attribute__((target("avx2,fma")))
#define AVX512 __attribute__((target("avx512f,fma")))
DEFINE_KURAMOTO_FORWARD(portable, , d_arg, v8, 8, LANES8)
DEFINE_KURAMOTO_FORWARD(avx2, AVX2, d_arg, v8, 8, LANES8)
DEFINE_KURAMOTO_FORWARD(avx2_d8, AVX2, 8, v8, 8, LANES8)
DEFINE_KURAMOTO_FORWARD(avx512_d8, AVX512, 8, v16, 16, LANES16)
DEFINE_KURAMOTO_BACKWARD(portable, , d_arg, v8, 8, LANES8)
DEFINE_KURAMOTO_BACKWARD(avx2, AVX2, d_arg, v8, 8, LANES8)
DEFINE_KURAMOTO_BACKWARD(avx2_d8, AVX2, 8, v8, 8, LANES8)
DEFINE_KURAMOTO_BACKWARD(avx512_d8, AVX512, 8, v16, 16, LANES16)

/* 1 when the AVX-512 variants run on this CPU; MFS_NO_AVX512=1 turns them off. */
static int use_avx512(void) {
    static int state = -1;
    if (state < 0) {
        const char *off = getenv("MFS_NO_AVX512");
        __builtin_cpu_init();
        state = !(off && off[0] == '1') && __builtin_cpu_supports("avx512f") && mfs_kernels_use_avx2();
    }
    return state;
}

size_t mfs_kuramoto_scratch(size_t t, size_t d) { return 2 * d * ((t + 15) & ~(size_t)15); }

void mfs_kuramoto_force(const float *q, const float *k, size_t ld, size_t t, size_t d, int causal,
                        float *force, size_t ldf, float *scratch) {
    if (use_avx512() && d == 8)
        kuramoto_force_avx512_d8(q, k, ld, t, d, causal, force, ldf, scratch);
    else if (mfs_kernels_use_avx2() && d == 8)
        kuramoto_force_avx2_d8(q, k, ld, t, d, causal, force, ldf, scratch);
    else if (mfs_kernels_use_avx2())
        kuramoto_force_avx2(q, k, ld, t, d, causal, force, ldf, scratch);
    else
        kuramoto_force_portable(q, k, ld, t, d, causal, force, ldf, scratch);
}

void mfs_kuramoto_backward(const float *q, const float *k, size_t ld, const float *df, size_t ldf,
                           size_t t, size_t d, int causal, float *dq, float *dk, size_t ldo,
                           float *scratch) {
    if (use_avx512() && d == 8)
        kuramoto_backward_avx512_d8(q, k, ld, df, ldf, t, d, causal, dq, dk, ldo, scratch);
    else if (mfs_kernels_use_avx2() && d == 8)
        kuramoto_backward_avx2_d8(q, k, ld, df, ldf, t, d, causal, dq, dk, ldo, scratch);
    else if (mfs_kernels_use_avx2())
        kuramoto_backward_avx2(q, k, ld, df, ldf, t, d, causal, dq, dk, ldo, scratch);
    else
        kuramoto_backward_portable(q, k, ld, df, ldf, t, d, causal, dq, dk, ldo, scratch);
}
